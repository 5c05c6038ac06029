/**
 * The bench's SMTP server, in a process of its own so that accepting 10,000 messages does not
 * compete with the worker for the same event loop (a real SMTP relay is elsewhere too). It notes
 * when each Message-ID was accepted and reports them to the parent over IPC when asked.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const accepted: [string, number][] = [];
let reminders = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const id = /Message-ID:\s*<([^>]+)>/i.exec(head)?.[1] ?? 'unknown';
      accepted.push([id, Date.now()]);
      if (id.startsWith('reminder-')) reminders++;
      callback(null, 'ok');
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (m: { ask: 'count' | 'all' }) => {
  if (m.ask === 'count') process.send!({ count: reminders });
  else process.send!({ accepted });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
