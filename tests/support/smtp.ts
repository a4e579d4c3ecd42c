/**
 * A real SMTP server in the test process (smtp-server), every message parsed with mailparser. `refuse` decides
 * per recipient and attempt whether to answer RCPT TO with an SMTP error code (451: try later, 550: never).
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  attachments: { filename?: string; contentType: string; content: string }[];
};

export async function startSmtp(
  options: { refuse?: (to: string, attempt: number) => number | undefined; delayMs?: number } = {},
) {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    // A local relay: no reverse DNS lookup of each connecting client.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const attempt = (attempts.get(to) ?? 0) + 1;
      attempts.set(to, attempt);
      const code = options.refuse?.(to, attempt);
      if (code) {
        const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), {
          responseCode: code,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        async (mail: ParsedMail) => {
          // A slow server: the message counts as accepted when the server answers 250, after the pause.
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          received.push({
            messageId: mail.messageId ?? '',
            to: to?.value[0]?.address?.toLowerCase() ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages to one address, in arrival order. */
    to: (address: string) => received.filter((m) => m.to === address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
