// POST /cases: registration. Personal fields are sealed here, at the edge; the number comes from
// the region's counter; an `Idempotency-Key` replay answers the first case; a suspected duplicate
// is recorded on the new case (same commit) and on each earlier one.
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ConflictError, ForbiddenError, ValidationError } from '@kelisim/service-kit/errors';
import { etagOf } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { canSeeRegion, requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { RouteDeps } from '../app.ts';
import type { DecisionContext } from '../domain/case-commands.ts';
import type { DuplicateSuspicion } from '../domain/case-types.ts';
import { decide } from '../domain/decide.ts';
import { duplicateWindowDays, suspectedDuplicates, windowStart } from '../domain/duplicates.ts';
import { registerCase } from '../domain/register-case.ts';
import type { AuditStamp } from '../store/case-audit.ts';
import { canSeePersonalData } from '../store/case-scope.ts';
import { recordPersonalRead } from './audit-routes.ts';
import { auditStampOf } from './audit-stamp.ts';
import {
  caseResponse,
  idempotencyKeySchema,
  type RegisterCaseBody,
  registerCaseBody,
} from './case-schemas.ts';
import { caseView } from './case-view.ts';

export function registerRegisterCaseRoute(app: HttpApp, deps: RouteDeps): void {
  app.post(
    '/cases',
    {
      schema: {
        operationId: 'registerCase',
        tags: ['cases'],
        summary: 'Register a case',
        body: registerCaseBody,
        response: { 200: caseResponse, 201: caseResponse, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'mediator', 'group_member', 'coordinator', 'admin');
      const body = request.body;
      if (!canSeeRegion(principal, body.district)) {
        throw new ForbiddenError('You may register cases only in your own territory.');
      }
      const key = idempotencyKeyOf(request.headers['idempotency-key']);
      const now = deps.clock();
      let caseId = deps.newId();
      if (key !== undefined) {
        const earlier = await deps.idempotency.claim(principal.sub, key, caseId, now);
        const first = earlier === null ? null : await deps.cases.load(earlier);
        // The key claimed, but no case: the earlier attempt failed or died before its commit, or
        // is still running. Register under the claimed id: the commit log's unique (stream,
        // version) lets one attempt win, so a retry never makes a second case (packages/fault-run).
        if (earlier !== null && !first) caseId = earlier;
        if (first) {
          request.log.info({ caseId: earlier }, 'registration replayed for its idempotency key');
          const personal = canSeePersonalData(principal, first);
          if (personal) await recordPersonalRead(deps, request, first);
          return reply
            .status(200)
            .header('etag', etagOf(first.version))
            .header('idempotent-replayed', 'true')
            .send(caseView(first, deps.cipher, personal));
        }
      }
      const ctx: DecisionContext = {
        now,
        actor: principal.sub,
        newId: deps.newId,
        correlationId: request.id,
      };
      // The key is never released on failure: the commit may have landed before the error (a
      // database that went away after the write, a later step that failed), and a released key
      // would let the client's retry register the case a second time.
      let stored: Awaited<ReturnType<typeof register>>;
      try {
        stored = await register(deps, caseId, body, ctx, {
          ...auditStampOf(request, 'register'),
          personalDataReturned: true,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        throw new ConflictError(
          'A registration with this Idempotency-Key is still in progress; retry shortly.',
          { code: 'idempotency.in_progress' },
        );
      }
      request.log.info({ caseId, caseNumber: stored.caseNumber }, 'case registered');
      return reply
        .status(201)
        .header('etag', etagOf(stored.version))
        .header('location', `/cases/${caseId}`)
        .send(caseView(stored, deps.cipher, true));
    },
  );
}

function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new ValidationError([
      { path: '/headers/idempotency-key', message: 'must be 1 to 128 letters, digits, _ . : -' },
    ]);
  }
  return parsed.data;
}

async function register(
  deps: RouteDeps,
  caseId: string,
  body: RegisterCaseBody,
  ctx: DecisionContext,
  audit: AuditStamp,
) {
  const parties = body.parties.map((party) => ({
    partyId: deps.newId(),
    kind: party.kind,
    role: party.role,
    language: party.language,
    userId: party.userId ?? null,
    name: deps.cipher.encrypt(party.name),
    nameHash: deps.cipher.keyedHash(party.name),
    contacts: party.contacts === undefined ? null : deps.cipher.encrypt(party.contacts),
  }));
  const hashes = [...new Set(parties.map((party) => party.nameHash))];
  // Independent reads and writes, so side by side: the number and the duplicate lookup.
  const [caseNumber, { candidates, freeSlots }] = await Promise.all([
    deps.numbers.next(body.region, ctx.now),
    deps.cases.duplicateCandidates(caseId, body.district, hashes, windowStart(ctx.now)),
  ]);
  const at = ctx.now.toISOString();
  // Before the commit, so that no committed case is ever missing from the lookup.
  await deps.cases.partyNames.add(caseId, body.district, hashes, at, freeSlots);
  const duplicates: DuplicateSuspicion[] = suspectedDuplicates(
    { district: body.district, partyNameHashes: hashes },
    candidates,
    ctx.now,
  ).map((match) => ({ ...match, at }));
  const decision = registerCase(
    {
      caseId,
      caseNumber,
      region: body.region,
      district: body.district,
      locality: body.locality ?? null,
      category: body.category,
      urgency: body.urgency,
      riskFlags: body.riskFlags,
      description: body.description === undefined ? null : deps.cipher.encrypt(body.description),
      parties,
      duplicates,
    },
    ctx,
  );
  const stored = await deps.writer.commit(caseId, 0, decision, ctx.now, audit, null);
  const self = { caseId, caseNumber, at };
  for (const match of duplicates)
    await noteOnEarlierCase(
      deps,
      match.caseId,
      { ...self, overlappingParties: match.overlappingParties },
      ctx,
      { ...audit, action: 'system:duplicate-detection' },
    );
  return stored;
}

// Best effort after the new case is committed: a lost race is retried on the fresh state.
async function noteOnEarlierCase(
  deps: RouteDeps,
  earlierId: string,
  match: DuplicateSuspicion,
  ctx: DecisionContext,
  audit: AuditStamp,
) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const earlier = await deps.cases.load(earlierId);
    if (!earlier) return;
    const { _id, version, ...state } = earlier;
    const decision = decide(
      state,
      { type: 'note-duplicate', matches: [match], windowDays: duplicateWindowDays },
      ctx,
    );
    try {
      await deps.writer.commit(earlierId, version, decision, ctx.now, audit, state);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
}
