// GET /audit: the audit trail for administrators, by case, user and time range, newest first,
// paged by cursor and limited to the token's territory like every other list. It is the only
// audit route: no method edits or deletes an entry (PUT, PATCH, DELETE answer 404).
import { maxPageSize } from '@kelisim/contracts/api/list-query';
import { endOfDay, startOfDay } from '@kelisim/contracts/calendar';
import { dateSchema, dateTimeSchema, idSchema, userIdSchema } from '@kelisim/contracts/fields';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import { personalFieldsOf } from './case-view.ts';
import type { RouteDeps } from './route-deps.ts';

// A day means its whole day in Kazakhstan: `from` its first instant, `to` its last.
const instant = (edge: 'start' | 'end') =>
  z
    .union([dateTimeSchema, dateSchema])
    .transform((value) =>
      value.length !== 10 ? new Date(value) : edge === 'start' ? startOfDay(value) : endOfDay(value),
    );

export const auditQuery = z
  .strictObject({
    caseId: idSchema.optional(),
    user: userIdSchema.optional(),
    from: instant('start').optional(),
    to: instant('end').optional(),
    cursor: z.string().min(1).max(500).optional(),
    limit: z.coerce.number().int().min(1).max(maxPageSize).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

const auditEntry = z.object({
  entryId: z.string(),
  kind: z.enum(['read', 'change']),
  at: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  region: z.string(),
  district: z.string(),
  version: z.number().nullable(),
  sub: z.string(),
  roles: z.array(z.string()),
  action: z.string(),
  fields: z.array(z.string()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  personalDataReturned: z.boolean().optional(),
});
const auditPage = z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() });

/** Records that this request is about to be answered with the case's personal data. */
export async function recordPersonalRead(
  deps: RouteDeps,
  request: FastifyRequest,
  stored: StoredCase,
): Promise<void> {
  await deps.audit.recordRead(deps.newId(), deps.clock(), stored, {
    ...auditStampOf(request, 'read'),
    fields: personalFieldsOf(stored),
    personalDataReturned: true,
  });
}

export function registerAuditRoutes(app: HttpApp, deps: RouteDeps): void {
  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditRecords',
        tags: ['audit'],
        summary: 'The audit trail: reads of personal data and changes, newest first (administrators)',
        querystring: auditQuery,
        response: { 200: auditPage, ...problemResponses(400, 403) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'admin');
      const { cursor, limit, ...filters } = request.query;
      return deps.audit.query(
        request.principal,
        {
          ...(filters.caseId === undefined ? {} : { caseId: filters.caseId }),
          ...(filters.user === undefined ? {} : { user: filters.user }),
          ...(filters.from === undefined ? {} : { from: filters.from }),
          ...(filters.to === undefined ? {} : { to: filters.to }),
        },
        limit,
        cursor,
      );
    },
  );
}
