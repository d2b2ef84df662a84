// Deterministic event contexts for the domain's unit tests.
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';

export function fixedContext(iso = '2026-05-10T08:00:00.000Z'): DecisionContext {
  let next = 0;
  return {
    now: new Date(iso),
    newId: () => `00000000-0000-7000-8000-${String(++next).padStart(12, '0')}`,
    correlationId: 'test-correlation',
    actor: 'test',
  };
}
