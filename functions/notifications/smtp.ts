/**
 * E-mail over SMTP with nodemailer: the Node host's mail transport (SMTP_URL, MAIL_FROM). Only the Node host
 * imports this file; the Worker sends through its `send_email` binding instead (nodemailer needs sockets).
 */
import nodemailer from 'nodemailer';
import type { MailMessage, MailTransport, SendOutcome } from './channels.ts';

type SmtpError = { responseCode?: unknown; code?: unknown };

/**
 * What may be recorded about a failed send: the SMTP reply code and nodemailer's error code, never the reply
 * text (servers quote the address in it). 4xx replies and connection trouble are temporary, 5xx permanent.
 */
export function smtpOutcome(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' && /^[A-Z_]{2,20}$/.test(e.code) ? e.code : 'ERROR';
  const permanent = reply !== undefined && reply >= 500 && reply < 600;
  return { ok: false, permanent, error: reply ? `SMTP ${reply} ${code}` : `SMTP ${code}` };
}

/** The part of the SMTP URL an admin may see: host and port, never the user or password. */
export function describeSmtp(url: string): string {
  try {
    const u = new URL(url);
    return `SMTP ${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'SMTP';
  }
}

/**
 * A pooled SMTP transport. The Message-ID is the delivery's id at the public origin's host, so a message sent
 * again after a crash carries the same Message-ID and a mailbox can tell it is the same message.
 */
export function smtpTransport(options: { url: string; from: string; messageIdHost: string }): MailTransport {
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    describe: describeSmtp(options.url),
    async send(message: MailMessage): Promise<SendOutcome> {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: `<${message.id}@${options.messageIdHost}>`,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        if (info.rejected.length > 0) return { ok: false, permanent: true, error: 'SMTP rejected' };
        return { ok: true, providerId: info.messageId ?? null };
      } catch (err) {
        return smtpOutcome(err);
      }
    },
    close: () => transporter.close(),
  };
}
