import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the sink accepted (its 250 reply reached an open connection). */
export type TReceivedMail = {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments: { filename: string; contentType: string; content: string }[];
  acceptedAt: number;
};

/** Decides each incoming message (by its number and raw text): accept, accept after a delay, or refuse (451). */
export type TSinkPolicy = (n: number, raw: string) => { delayMs?: number; refuse?: boolean };

export type SmtpSink = {
  url: string;
  messages: TReceivedMail[];
  /** Messages whose data arrived and whose reply is being held back by the policy. */
  held: () => number;
  /** When the last 250 reply went out. */
  lastAcceptedAt: () => number;
  /** Every DATA received, accepted or not. */
  received: () => number;
  setPolicy: (policy: TSinkPolicy) => void;
  close: () => Promise<void>;
};

/**
 * An in-process SMTP server on 127.0.0.1 that parses and keeps what it accepts. As SMTP defines
 * it, a message counts only once the server's 250 reply is written to a live connection: a client
 * killed while the reply is held never got it, did not deliver, and will resend.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: TReceivedMail[] = [];
  const closed = new Set<string>();
  let policy: TSinkPolicy = () => ({});
  let received = 0;
  let held = 0;
  let lastAcceptedAt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const n = ++received;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const decision = policy(n, raw.toString('utf8'));
        if (decision.delayMs) {
          held++;
          await new Promise((r) => setTimeout(r, decision.delayMs));
          held--;
        }
        if (decision.refuse) {
          const err = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(err);
          return;
        }
        if (closed.has(session.id)) return;
        const parsed: ParsedMail = await simpleParser(raw);
        const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
        lastAcceptedAt = Date.now();
        messages.push({
          to: to ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          messageId: parsed.messageId ?? '',
          attachments: parsed.attachments.map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType,
            content: a.content.toString('utf8'),
          })),
          acceptedAt: lastAcceptedAt,
        });
        callback(null, 'queued');
      });
    },
  });
  // A client killed mid-session resets its socket; that is the point of some tests, not an error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    held: () => held,
    lastAcceptedAt: () => lastAcceptedAt,
    received: () => received,
    setPolicy: (p) => {
      policy = p;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
