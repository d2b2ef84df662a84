// E-mail over SMTP with nodemailer; the message is the alert in the member's language.
import { createTransport, type Transporter } from 'nodemailer';
import type { AlertMessage, MessageLanguage } from '../domain/alert-message.ts';
import type { SendResult } from './webhook-sender.ts';

export type EmailSender = {
  send(to: string, message: AlertMessage, language: MessageLanguage): Promise<SendResult>;
  close(): void;
};

export function createEmailSender(smtpUrl: string | undefined, from: string): EmailSender {
  if (!smtpUrl) {
    return { send: async () => ({ ok: false, detail: 'smtp not configured' }), close: () => {} };
  }
  const transport: Transporter = createTransport(smtpUrl);
  return {
    async send(to, message, language) {
      try {
        await transport.sendMail({
          from,
          to,
          subject: message.subject,
          text: message.text,
          headers: { 'Content-Language': language },
        });
        return { ok: true, detail: 'smtp accepted' };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        return { ok: false, detail: code ? `smtp ${code}` : 'smtp error' };
      }
    },
    close: () => transport.close(),
  };
}
