// The case as the routes answer it. Requests (bodies, parameters, the list query) are the
// contracts' (api/cases.ts), shared with the console's form.
import { caseStatusSchema } from '@kelisim/contracts/reference/case-vocabulary';
import { z } from 'zod';

/** Responses are documented by their key members; the rest passes through as case-view.ts builds it. */
export const caseResponse = z.looseObject({
  caseId: z.string(),
  caseNumber: z.string(),
  version: z.number(),
  status: caseStatusSchema,
});
