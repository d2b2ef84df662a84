// Sends one alert to a member's webhook: JSON body, signed as Standard Webhooks says.
import type { WebhookChannel } from '../domain/groups.ts';
import { signedWebhookHeaders } from './webhook-signature.ts';

export type SendResult = { ok: boolean; detail: string };

export async function sendWebhook(
  webhook: WebhookChannel,
  /** The delivery's id: the same on every retry, so that a receiver can skip a repeat. */
  messageId: string,
  payload: unknown,
  now: Date,
  timeoutMs: number,
): Promise<SendResult> {
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedWebhookHeaders(webhook.secret, messageId, now, body),
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
