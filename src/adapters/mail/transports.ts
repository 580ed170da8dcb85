import nodemailer from 'nodemailer';
import type { MailTransport, OutgoingMail } from '../../app/ports.ts';

// Two mail transports (issue 5): SMTP through nodemailer when SMTP_URL is set, otherwise the embedded
// mailbox, where the message stored in mail_messages *is* the delivery (the dev Mailbox page reads it).

export const embeddedMailbox: MailTransport = { kind: 'embedded', deliver: async () => {} };

export function smtpTransport(url: string): MailTransport {
  // Short time-outs: a dead SMTP server must fail the job quickly so that the back-off takes over.
  const transporter = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    kind: 'smtp',
    async deliver(message: OutgoingMail) {
      // nodemailer encodes headers (RFC 2047) and folds them; names and subjects never carry CR/LF
      // (refused at the API, stripped at rendering), and there is exactly one recipient.
      await transporter.sendMail({
        from: message.from,
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
  };
}
