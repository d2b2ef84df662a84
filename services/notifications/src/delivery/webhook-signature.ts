// Webhook signatures, in the style of Stripe's and Standard Webhooks: HMAC-SHA256 over
// `<timestamp>.<body>` with the member's secret. The timestamp is signed so that a captured
// request cannot be replayed later; receivers should refuse one older than a few minutes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'kelisim-signature';
export const timestampHeader = 'kelisim-timestamp';

/** `t=<unix seconds>,v1=<hex hmac>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does; also used by the tests. */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
