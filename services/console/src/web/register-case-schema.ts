// The registration form's words: the contracts' schema of POST /cases (api/case-registration.ts,
// which case-intake validates with), checked against the reference data the console serves, so the
// form refuses exactly what the service would refuse, field by field, before anything is sent.
import { districtNotInRegion } from '@kelisim/contracts/api/case-registration';
import type { z } from 'zod';
import type { MessageKey } from './i18n.ts';

export type FieldMessage = { key: MessageKey; values?: Record<string, number> };

/** One message per field path (`parties.0.name`), in the words of the person typing. */
export function fieldMessages(error: z.ZodError): Map<string, FieldMessage> {
  const found = new Map<string, FieldMessage>();
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (found.has(path)) continue;
    found.set(path, messageOf(issue, path));
  }
  return found;
}

function messageOf(issue: z.core.$ZodIssue, path: string): FieldMessage {
  if (issue.message === districtNotInRegion) return { key: 'districtNotInRegion' };
  switch (issue.code) {
    case 'invalid_value':
      return { key: 'invalidChoice' };
    case 'too_small':
      return path === 'parties' ? { key: 'atLeastOneParty' } : { key: 'tooShort' };
    case 'too_big':
      return { key: 'tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { key: 'required' };
    default:
      return { key: 'invalidFormat' };
  }
}

/** The form's empty strings are "not given"; the API wants those fields left out. */
export function withoutBlanks<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutBlanks) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== '' && v !== undefined)
        .map(([k, v]) => [k, withoutBlanks(v)]),
    ) as T;
  }
  return value;
}
