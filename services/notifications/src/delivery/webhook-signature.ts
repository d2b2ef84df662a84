// Webhook signatures follow the Standard Webhooks specification (standardwebhooks.com), so that a
// receiver verifies them with that project's published libraries instead of writing its own check:
// `webhook-id` (the delivery's id, the same on every retry, for the receiver's idempotency),
// `webhook-timestamp` (unix seconds, signed, so a captured request cannot be replayed later) and
// `webhook-signature` (`v1,<base64 HMAC-SHA256>` over `<id>.<timestamp>.<body>` with the
// member's `whsec_` secret).
import { Webhook } from 'standardwebhooks';

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export function signedWebhookHeaders(
  secret: string,
  messageId: string,
  sentAt: Date,
  body: string,
): WebhookHeaders {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, sentAt, body),
  };
}
