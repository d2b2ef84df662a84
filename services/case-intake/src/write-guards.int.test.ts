// Writes take only what the caller may set (issue 9): fields owned by the service (status,
// version, ids, who and when, scope beyond the token) are refused with 400 and nothing is stored;
// strings, arrays and whole bodies have ceilings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequests, mediatorUser, newCase, region } from './routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

let service: ServiceUnderTest;
let caseId: string;
let etag: string;
const commits = () => service.cases.log.commits.countDocuments({});

beforeAll(async () => {
  service = await startServiceUnderTest('write-guards');
  const created = await caseRequests(service, []).register();
  caseId = created.caseId;
  etag = String((await service.call('GET', `/cases/${caseId}`, { claims: mediatorUser })).headers.etag);
});
afterAll(async () => service?.close());

const ownedByTheService: Array<[string, unknown]> = [
  ['status', 'closed'],
  ['version', 7],
  ['caseId', 'c-chosen'],
  ['_id', 'c-chosen'],
  ['id', 'c-chosen'],
  ['caseNumber', 'KZ-75-2026-000001'],
  ['createdAt', '2020-01-01T00:00:00Z'],
  ['registeredAt', '2020-01-01T00:00:00Z'],
  ['registeredBy', 'someone-else'],
  ['createdBy', 'someone-else'],
  ['mediatorId', 'med-1'],
  ['mediatorUserId', 'u-med-1'],
  ['regions', ['KZ']],
  ['personalData', true],
];

describe('mass assignment', () => {
  it('refuses every service-owned field on registration and stores nothing', async () => {
    const before = await commits();
    for (const [field, value] of ownedByTheService) {
      const response = await service.call('POST', '/cases', {
        body: newCase({ [field]: value }),
        claims: mediatorUser,
      });
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
    }
    expect(await commits()).toBe(before);
  });

  it('refuses them on every command too', async () => {
    const before = await commits();
    for (const [command, body] of [
      ['screen', { urgency: 'high' }],
      ['escalate', { level: 1, reason: 'violence_risk' }],
      ['close', {}],
    ] as const) {
      for (const [field, value] of ownedByTheService) {
        const response = await service.call('POST', `/cases/${caseId}/${command}`, {
          body: { ...body, [field]: value },
          claims: mediatorUser,
          headers: { 'if-match': etag },
        });
        expect(response.statusCode, `${command} ${field}: ${response.body}`).toBe(400);
      }
    }
    expect(await commits()).toBe(before);
  });

  it('refuses a case registered in a region beyond the token', async () => {
    const response = await service.call('POST', '/cases', {
      body: newCase({ region: '710000000', district: '711110000' }),
      claims: mediatorUser,
    });
    expect(response.statusCode).toBe(403);
    const stored = await service.cases.load(caseId);
    expect(stored?.region).toBe(region);
  });
});

describe('size limits', () => {
  const party = (i: number) => ({ kind: 'individual', role: 'claimant', language: 'kk', name: `P${i}` });
  it('answers 400 to oversize strings and arrays and 413 to an oversize body', async () => {
    const before = await commits();
    for (const [name, body] of [
      ['51 parties', newCase({ parties: Array.from({ length: 51 }, (_, i) => party(i)) })],
      ['11 risk flags', newCase({ riskFlags: Array.from({ length: 11 }, () => 'large_group') })],
      ['an oversize contact', newCase({ parties: [{ ...party(1), contacts: 'x'.repeat(5_000) }] })],
      ['an oversize description', newCase({ description: 'x'.repeat(20_000) })],
    ] as const) {
      const response = await service.call('POST', '/cases', { body, claims: mediatorUser });
      expect(response.statusCode, `${name}: ${response.body.slice(0, 300)}`).toBe(400);
    }
    const session = await service.call('POST', `/cases/${caseId}/record-session`, {
      body: {
        kind: 'caucus',
        heldOn: '2026-01-01',
        durationMinutes: 5,
        attendeePartyIds: Array.from({ length: 51 }, (_, i) => `p${i}`),
      },
      claims: mediatorUser,
      headers: { 'if-match': etag },
    });
    expect(session.statusCode).toBe(400);
    const huge = await service.call('POST', '/cases', {
      body: newCase({ description: 'x'.repeat(600_000) }),
      claims: mediatorUser,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await commits()).toBe(before);
  });
});
