import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, name = 'telemost'): Logger {
  return pino({ name, level, redact: ['req.headers.cookie', 'req.headers.authorization', 'password'] });
}
