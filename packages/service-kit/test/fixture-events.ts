// Events for kit tests, built from the contracts' own fixtures so that they stay valid.
import { readFileSync } from 'node:fs';
import { type EventEnvelope, newEventId } from '@kelisim/contracts/envelope';

const registered = JSON.parse(
  readFileSync(new URL('../../contracts/fixtures/case.registered.v1.json', import.meta.url), 'utf8'),
) as EventEnvelope<Record<string, unknown>>;

export function caseRegisteredFixture(caseId: string): EventEnvelope {
  return { ...registered, id: newEventId(), subject: caseId, data: { ...registered.data, caseId } };
}
