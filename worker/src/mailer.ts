import type { Logger } from '@telemost/server/lib/logger';
import nodemailer from 'nodemailer';

/** One outgoing e-mail. `messageId` is deterministic so a rare resend threads as the same message. */
export type TMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  ics?: { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' };
};

/** Sends e-mail, or says it cannot (no SMTP_URL configured). */
export type TMailer = {
  enabled: boolean;
  /** The sender (MAIL_FROM), also the ORGANIZER address of the attached .ics. */
  from: string;
  /** Connects and greets the SMTP server once, so a wrong SMTP_URL shows at start. */
  verify: () => Promise<void>;
  send: (mail: TMail) => Promise<void>;
  close: () => void;
};

/**
 * nodemailer over SMTP_URL with a small connection pool (a burst of reminders reuses connections
 * instead of paying a handshake each). Without SMTP_URL e-mail is off and reminders go in-app only.
 */
export function createMailer(options: {
  smtpUrl?: string;
  from: string;
  poolSize: number;
  logger: Logger;
}): TMailer {
  if (!options.smtpUrl) {
    options.logger.warn('SMTP_URL is not set: e-mail is off, reminders and notices are in-app only');
    return {
      enabled: false,
      from: options.from,
      verify: async () => {},
      send: async () => {},
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.poolSize,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    enabled: true,
    from: options.from,
    verify: async () => {
      await transport.verify();
    },
    send: async (mail) => {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.ics
          ? [
              {
                filename: mail.ics.filename,
                content: mail.ics.content,
                contentType: `text/calendar; charset=utf-8; method=${mail.ics.method}`,
              },
            ]
          : [],
      });
    },
    close: () => transport.close(),
  };
}
