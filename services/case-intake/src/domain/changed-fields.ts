// What a change touched, for the audit trail: the names of the case's fields whose value differs
// between two states (parties, sessions, ... as whole fields). Names only, never values.
import type { CaseState } from './case-types.ts';

// Bookkeeping every command moves: not what the change was about.
const ignored = new Set(['updatedAt']);

export function changedFields(before: CaseState | null, after: CaseState): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (ignored.has(key)) continue;
    const was = before === null ? undefined : (before as Record<string, unknown>)[key];
    const now = (after as Record<string, unknown>)[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) changed.push(key);
  }
  return changed.sort();
}
