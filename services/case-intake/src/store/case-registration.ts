// Registering a case, as a story: the caller may register in the district; personal fields are
// sealed; the region's counter gives the number; earlier cases in the district naming a party
// are looked up and the new case's names indexed; the domain decides; the kit's creation path
// commits it under one meaning of `Idempotency-Key` (the same body answers the first case, another
// body is a 422); then each earlier case the new one may duplicate gets a note of it.
import type { RegisterCaseBody } from '@kelisim/contracts/api/case-registration';
import type { Created, Creations } from '@kelisim/service-kit/commands/creation';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { ConflictError, ForbiddenError, NotFoundError } from '@kelisim/service-kit/errors';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { canSeeRegion, type Principal, requireRole } from '@kelisim/service-kit/principal';
import type { CaseState, DuplicateSuspicion } from '../domain/case-types.ts';
import { changedFields } from '../domain/changed-fields.ts';
import { duplicateWindowDays, suspectedDuplicates, windowStart } from '../domain/duplicates.ts';
import { registerCase } from '../domain/register-case.ts';
import type { AuditStamp } from './case-audit.ts';
import { type CaseRunner, runCaseCommand } from './case-command-runner.ts';
import type { CaseNumbers } from './case-numbers.ts';
import type { CaseStore } from './case-store.ts';

export type RegistrationDeps = {
  cases: CaseStore;
  numbers: CaseNumbers;
  cipher: FieldCipher;
  runner: CaseRunner;
  creations: Creations<CaseState>;
};

export type Registration = {
  principal: Principal;
  /** From `idempotencyKeyFrom(request)`. */
  key: string | undefined;
  body: RegisterCaseBody;
  ctx: DecisionContext;
  /** The request's stamp; the answer shows the new case's personal data to its registrar. */
  stamp: AuditStamp;
};

export class CaseRegistrations {
  constructor(private readonly deps: RegistrationDeps) {}

  async register({ principal, key, body, ctx, stamp }: Registration): Promise<Created<CaseState>> {
    requireRole(principal, 'mediator', 'group_member', 'coordinator', 'admin');
    if (!canSeeRegion(principal, body.district)) {
      throw new ForbiddenError('You may register cases only in your own territory.');
    }
    const audit = { ...stamp, personalDataReturned: true };
    const created = await this.deps.creations.create({
      kind: 'case',
      caller: principal.sub,
      key,
      body,
      now: ctx.now,
      decide: (caseId) => this.decide(caseId, body, ctx),
      audit: (decision) => ({ ...audit, fields: changedFields(null, decision.state) }),
    });
    if (created.replayed) return created;
    const { caseId, caseNumber, registeredAt } = created.current;
    for (const match of created.current.duplicateSuspicions) {
      await this.noteOnEarlierCase(
        match.caseId,
        { caseId, caseNumber, at: registeredAt, overlappingParties: match.overlappingParties },
        ctx,
        { ...audit, action: 'system:duplicate-detection' },
      );
    }
    return created;
  }

  private async decide(caseId: string, body: RegisterCaseBody, ctx: DecisionContext) {
    const { cipher, cases, numbers } = this.deps;
    const parties = body.parties.map((party) => ({
      partyId: ctx.newId(),
      kind: party.kind,
      role: party.role,
      language: party.language,
      userId: party.userId ?? null,
      name: cipher.encrypt(party.name),
      nameHash: cipher.nameHash(party.name),
      contacts: party.contacts === undefined ? null : cipher.encrypt(party.contacts),
    }));
    const hashes = [...new Set(parties.map((party) => party.nameHash))];
    const at = ctx.now.toISOString();
    // Side by side, each a store round trip: the number, the duplicate lookup, and the new names'
    // entries (before the commit, so that no committed case is ever missing from the lookup; at
    // each chain's first slot, or where the lookup saw the chain end when that slot is taken).
    // The lookup drops the new case's own entries.
    const lookup = cases.duplicateCandidates(caseId, body.district, hashes, windowStart(ctx.now));
    const [caseNumber, { candidates }] = await Promise.all([
      numbers.next(body.region, ctx.now),
      lookup,
      cases.partyNames.add(
        caseId,
        body.district,
        hashes,
        at,
        // Asked for only when a slot is taken, so a failed lookup is Promise.all's alone.
        async () => (await lookup).freeSlots,
      ),
    ]);
    const duplicates: DuplicateSuspicion[] = suspectedDuplicates(
      { district: body.district, partyNameHashes: hashes },
      candidates,
      ctx.now,
    ).map((match) => ({ ...match, at }));
    return registerCase(
      {
        caseId,
        caseNumber,
        region: body.region,
        district: body.district,
        locality: body.locality ?? null,
        category: body.category,
        urgency: body.urgency,
        riskFlags: body.riskFlags,
        description: body.description === undefined ? null : cipher.encrypt(body.description),
        parties,
        duplicates,
      },
      ctx,
    );
  }

  // Best effort once the new case is committed: a note that cannot land (the earlier case erased
  // from the store, or changing under a run of concurrent writers) does not undo the registration.
  private async noteOnEarlierCase(
    earlierId: string,
    match: DuplicateSuspicion,
    ctx: DecisionContext,
    audit: AuditStamp,
  ): Promise<void> {
    try {
      await runCaseCommand(this.deps.runner, {
        caseId: earlierId,
        ctx,
        command: () => ({ type: 'note-duplicate', matches: [match], windowDays: duplicateWindowDays }),
        audit,
      });
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof ConflictError)) throw error;
    }
  }
}
