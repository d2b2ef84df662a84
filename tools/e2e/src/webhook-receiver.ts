// A group member's own system receiving alerts by webhook (DESIGN.md §6 flow 1: "and webhook"):
// a plain HTTP server outside the platform that keeps what it was sent and checks the signature
// as any receiver would, with the Standard Webhooks library and the shared `whsec_` secret.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export type ReceivedWebhook = { payload: Record<string, unknown>; signatureValid: boolean };

export class WebhookReceiver {
  readonly secret = `whsec_${randomBytes(32).toString('base64')}`;
  readonly received: ReceivedWebhook[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        receiver?.record(body, request.headers);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${address.port}/kelisim-alerts`);
    return receiver;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  private record(body: string, headers: IncomingHttpHeaders): void {
    let signatureValid = true;
    try {
      new Webhook(this.secret).verify(body, headers as Record<string, string>);
    } catch {
      signatureValid = false;
    }
    this.received.push({ payload: JSON.parse(body) as Record<string, unknown>, signatureValid });
  }
}
