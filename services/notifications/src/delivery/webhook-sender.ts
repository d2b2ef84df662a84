// Sends one alert to a member's webhook: JSON body, signed with its secret and a timestamp.
import type { WebhookChannel } from '../domain/groups.ts';
import { signatureHeader, signWebhook, timestampHeader } from './webhook-signature.ts';

export type SendResult = { ok: boolean; detail: string };

export async function sendWebhook(
  webhook: WebhookChannel,
  payload: unknown,
  now: Date,
  timeoutMs: number,
): Promise<SendResult> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [timestampHeader]: String(timestamp),
        [signatureHeader]: signWebhook(webhook.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel().catch(() => {});
    return { ok: response.ok, detail: `http ${response.status}` };
  } catch (error) {
    return { ok: false, detail: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
}
