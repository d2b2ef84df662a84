import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const body = JSON.stringify({ alertId: 'al-1' });

  it('a receiver with the secret verifies the body and timestamp', () => {
    const header = signWebhook('s3cret', 1_770_000_000, body);
    expect(header).toMatch(/^t=1770000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', header, body, 1_770_000_010)).toBe(true);
  });

  it('a changed body, another secret or an old timestamp fail verification', () => {
    const header = signWebhook('s3cret', 1_770_000_000, body);
    expect(verifyWebhook('s3cret', header, `${body} `, 1_770_000_000)).toBe(false);
    expect(verifyWebhook('other', header, body, 1_770_000_000)).toBe(false);
    expect(verifyWebhook('s3cret', header, body, 1_770_001_000)).toBe(false);
  });
});
