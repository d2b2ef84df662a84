// The picker's read: the mediators of a case's region who may be assigned, and every reason the
// others are not offered, scoped like the case itself, against the real FerretDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { caseRequests, mediatorUser, region, seedQualifiedMediator } from './case-requests.test-support.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;

beforeAll(async () => {
  service = await startServiceUnderTest('eligible-mediators');
  requests = caseRequests(service, []);
  await seedQualifiedMediator(service);
  const profile = { homeRegion: region, regions: [region], languages: ['kk'], status: 'active' as const };
  // Speaks no language of the parties and holds no certificate.
  await service.mediators.saveProfile({
    ...profile,
    mediatorId: 'med-2',
    userId: 'u-med-2',
    languages: ['en'],
  });
  // Republic-wide, certified, but suspended since.
  await service.mediators.saveProfile({
    ...profile,
    mediatorId: 'med-3',
    userId: 'u-med-3',
    regions: ['KZ'],
  });
  await service.mediators.changeCertification({
    mediatorId: 'med-3',
    certificationId: 'cert-3',
    state: 'suspended',
    validFrom: '2020-01-01',
    validUntil: '2099-12-31',
  });
  // Another region's mediator is not listed at all.
  await service.mediators.saveProfile({
    ...profile,
    mediatorId: 'med-4',
    userId: 'u-med-4',
    homeRegion: '710000000',
    regions: ['710000000'],
  });
});
afterAll(async () => service?.close());

const eligibleOf = (caseId: string, claims: object) =>
  service.call('GET', `/cases/${caseId}/eligible-mediators`, { claims });

describe('the mediators offered for a case', () => {
  it('offers the region’s qualified mediators and names every reason the others are not offered', async () => {
    const { caseId } = await requests.register();
    const response = await eligibleOf(caseId, mediatorUser);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      eligible: [{ mediatorId: 'med-1', kind: 'certified' }],
      notOffered: [
        { mediatorId: 'med-2', reasons: ['valid_certification', 'speaks_party_language'] },
        { mediatorId: 'med-3', reasons: ['valid_certification'] },
      ],
    });
    expect(response.body).not.toMatch(/Plaintext|u-med-/);
  });

  it('answers 404 outside the case’s scope, and nothing to who may only read the case', async () => {
    const { caseId } = await requests.register();
    const stranger = { sub: 'u-astana', roles: ['group_member' as const], regions: ['710000000'] };
    expect((await eligibleOf(caseId, stranger)).statusCode).toBe(404);
    const supervisor = { sub: 'u-s', roles: ['supervisor' as const], regions: [region] };
    const read = await eligibleOf(caseId, supervisor);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ eligible: [], notOffered: [] });
  });
});
