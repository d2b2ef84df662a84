import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signedWebhookHeaders } from './webhook-signature.ts';

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs the specification’s test vector as the specification says', () => {
    // From the Standard Webhooks specification's reference implementations' tests.
    const headers = signedWebhookHeaders(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1_614_265_330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('a receiver verifies with the published library; a changed body or another secret fails', () => {
    const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    const body = JSON.stringify({ alertId: 'al-1' });
    const headers = signedWebhookHeaders(secret, 'dl-1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ alertId: 'al-1' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(body, headers)).toThrow();
  });
});
