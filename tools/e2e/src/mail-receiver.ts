// The platform's outgoing mail, as a mail server outside it sees it: a plain SMTP server on
// loopback (smtp-server) that keeps each message's recipients and raw text. notifications is
// started with SMTP_URL pointing here.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: string };

export class MailReceiver {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    readonly mails: readonly ReceivedMail[],
  ) {}

  static async start(): Promise<MailReceiver> {
    const mails: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    return new MailReceiver(server, `smtp://127.0.0.1:${port}`, mails);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
