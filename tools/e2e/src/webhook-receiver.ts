// A group member's own system receiving alerts by webhook (DESIGN.md §6 flow 1: "and webhook"):
// a plain HTTP server outside the platform that keeps what it was sent and checks the signature
// as a receiver should (HMAC-SHA256 over `<timestamp>.<raw body>` with the shared secret).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export type ReceivedWebhook = { payload: Record<string, unknown>; signatureValid: boolean };

export class WebhookReceiver {
  readonly secret = randomBytes(24).toString('hex');
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
        receiver?.record(body, String(request.headers['kelisim-signature'] ?? ''));
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

  private record(body: string, header: string): void {
    const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
    const expected = createHmac('sha256', this.secret).update(`${parts.t}.${body}`).digest('hex');
    const given = Buffer.from(String(parts.v1 ?? ''));
    const signatureValid = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
    this.received.push({ payload: JSON.parse(body) as Record<string, unknown>, signatureValid });
  }
}
