/**
 * The local Telegram Bot API server the tests drive. It lives in infra/e2e so the browser tests
 * (web/e2e, which may import only core and infra) can start it too.
 */
export * from '../../../infra/e2e/telegram-bot-api.ts';
