import express, { type Router } from 'express';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { handleLiveKitWebhook } from '../attendance/handle-livekit-webhook.ts';

export const LIVEKIT_WEBHOOK_PATH = '/api/livekit/webhook';

/**
 * `POST /api/livekit/webhook`. LiveKit signs each webhook with a JWT whose `sha256` claim is the
 * hash of the exact bytes it sent, so this router reads the body raw (mounted before the JSON
 * parser, whatever the content type) and lets WebhookReceiver check both. Anything unsigned,
 * signed with another key, expired or altered gets a 401.
 */
export function liveKitWebhookRouter(ctx: AppContext): Router {
  const receiver = new WebhookReceiver(ctx.env.LIVEKIT_API_KEY, ctx.env.LIVEKIT_API_SECRET);
  const router = express.Router();
  router.post(LIVEKIT_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let webhook: Awaited<ReturnType<WebhookReceiver['receive']>>;
    try {
      webhook = await receiver.receive(body, req.get('authorization') ?? undefined);
    } catch (err) {
      // WebhookReceiver checks the signature before it parses: a parse error means a signed body
      // that is not a webhook, anything else a signature that does not hold.
      const message = (err as Error).message ?? '';
      if (err instanceof SyntaxError || message.startsWith('cannot decode')) {
        throw new AppError('bad_request', 'The webhook body is not a LiveKit webhook event');
      }
      throw new AppError('invalid_signature', 'The webhook signature is missing or does not match');
    }
    const outcome = await handleLiveKitWebhook(ctx, webhook);
    req.log?.debug({ outcome }, 'livekit webhook');
    res.status(200).json(outcome);
  });
  return router;
}
