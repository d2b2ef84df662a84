// Requests the case-intake integration tests share: a valid registration, commands with the
// current ETag, and the event types published for a case.
import type { KafkaMessage } from 'kafkajs';
import { expect } from 'vitest';
import type { ServiceUnderTest } from '../testing/service-under-test.ts';

export const region = '750000000';
export const district = '751310000';
export const names = ['Plaintextova Aigerim', 'Plaintextov Bolat'];
export const mediatorUser = { sub: 'u-med-1', roles: ['mediator' as const], regions: [region] };

export const newCase = (overrides: Record<string, unknown> = {}) => ({
  region,
  district,
  category: 'neighbourhood',
  urgency: 'high',
  riskFlags: ['large_group'],
  description: 'A dispute over a shared yard between two families.',
  parties: [
    { kind: 'individual', role: 'claimant', language: 'kk', name: names[0], contacts: '+7 701 000 00 01' },
    { kind: 'group', role: 'respondent', language: 'ru', name: names[1] },
  ],
  ...overrides,
});

export function caseRequests(service: ServiceUnderTest, published: KafkaMessage[]) {
  return {
    async register(body: object = newCase(), headers: Record<string, string> = {}) {
      const response = await service.call('POST', '/cases', { body, claims: mediatorUser, headers });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },

    /** Runs a command with If-Match of the case's current ETag; answers the new case view. */
    async run(caseId: string, command: string, body: object = {}) {
      const current = await service.call('GET', `/cases/${caseId}`, { claims: mediatorUser });
      const response = await service.call('POST', `/cases/${caseId}/${command}`, {
        body,
        claims: mediatorUser,
        headers: { 'if-match': String(current.headers.etag) },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },

    typesOn(caseId: string): string[] {
      return published
        .map((message) => JSON.parse(String(message.value)))
        .filter((event) => event.subject === caseId)
        .map((event) => event.type);
    },
  };
}

/** med-1, certified, covering the region and speaking Kazakh: seeded straight into the read model. */
export async function seedQualifiedMediator(service: ServiceUnderTest): Promise<void> {
  await service.mediators.saveProfile({
    mediatorId: 'med-1',
    userId: 'u-med-1',
    homeRegion: region,
    regions: [region],
    languages: ['kk'],
    status: 'active',
  });
  await service.mediators.changeCertification({
    mediatorId: 'med-1',
    certificationId: 'cert-1',
    state: 'valid',
    validFrom: '2020-01-01',
    validUntil: '2099-12-31',
  });
}
