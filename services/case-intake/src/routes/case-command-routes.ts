// One POST per command: /cases/:caseId/<command>. Each checks scope (404 outside it), the
// caller's right to act (403), If-Match (412 when stale), then lets the domain decide (409 for a
// command the state does not allow, 422 for a broken rule). Free text is sealed before the domain
// sees it.
import { caseCommandBodies, caseIdParams } from '@kelisim/contracts/api/cases';
import { decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { z } from 'zod';
import type { CaseCommand } from '../domain/case-commands.ts';
import type { CommandName } from '../domain/lifecycle.ts';
import { mayChange, runCaseCommand } from '../store/case-command-runner.ts';
import { canSeePersonalData } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import { caseResponse } from './case-schemas.ts';
import { caseView } from './case-view.ts';
import { toHttpError } from './http-errors.ts';
import type { RouteDeps } from './route-deps.ts';

type Body<K extends CommandName> = z.output<(typeof caseCommandBodies)[K]>;
type ToCommand<K extends CommandName> = (
  body: Body<K>,
  stored: StoredCase,
) => CaseCommand | Promise<CaseCommand>;

// Names for generated clients: a verb and what it acts on.
const operationIds: Readonly<Record<CommandName, string>> = {
  screen: 'screenCase',
  decline: 'declineCase',
  'refer-out': 'referCaseOut',
  'record-consent': 'recordConsent',
  assign: 'assignMediator',
  'record-session': 'recordSession',
  escalate: 'escalateCase',
  'record-outcome': 'recordOutcome',
  'follow-up': 'recordFollowUp',
  close: 'closeCase',
  reopen: 'reopenCase',
  withdraw: 'withdrawCase',
};

export function registerCaseCommandRoutes(app: HttpApp, deps: RouteDeps): void {
  const seal = (text: string | undefined) => (text === undefined ? null : deps.cipher.encrypt(text));

  function command<K extends CommandName>(name: K, summary: string, toCommand: ToCommand<K>) {
    app.post(
      `/cases/:caseId/${name}`,
      {
        schema: {
          tags: ['case commands'],
          summary,
          operationId: operationIds[name],
          params: caseIdParams,
          body: caseCommandBodies[name],
          response: { 200: caseResponse, ...problemResponses(400, 403, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const principal = request.principal;
        const { caseId } = request.params;
        const body = request.body as Body<K>;
        let stored: StoredCase;
        try {
          stored = await runCaseCommand(deps.runner, {
            caseId,
            expectedVersion: expectedVersionFrom(request),
            ctx: decisionContextOf(request, deps),
            authorise: mayChange(principal),
            command: (current) => toCommand(body, current),
            // The answer shows the case to the caller: the change's record says whether personal data went with it.
            audit: (current) => ({
              ...auditStampOf(request, `command:${name}`),
              personalDataReturned: canSeePersonalData(principal, current),
            }),
          });
        } catch (error) {
          throw toHttpError(error);
        }
        request.log.info({ caseId, command: name, version: stored.version }, 'case command applied');
        return withVersion(reply, stored).send(
          caseView(stored, deps.cipher, canSeePersonalData(principal, stored)),
        );
      },
    );
  }

  command('screen', 'Screen the case (and correct its profile)', (body) => ({
    type: 'screen',
    ...(body.category ? { category: body.category } : {}),
    ...(body.urgency ? { urgency: body.urgency } : {}),
    ...(body.riskFlags ? { riskFlags: body.riskFlags } : {}),
  }));
  command('decline', 'Decline the case at screening', (body) => ({ type: 'decline', reason: body.reason }));
  command('refer-out', 'Refer the case to another body', async (body) => ({
    type: 'refer-out',
    reason: body.reason,
    referredTo: body.referredTo,
    partnerId: body.partnerId ?? null,
    partners: await deps.partners.find(body.partnerId ? [body.partnerId] : []),
  }));
  command('record-consent', 'Record a party’s consent', (body) => ({
    type: 'record-consent',
    partyId: body.partyId,
    consented: body.consented,
    communityConsent: body.communityConsent,
    community: body.community ?? null,
  }));
  command('assign', 'Assign a mediator', async (body) => ({
    type: 'assign',
    mediatorId: body.mediatorId,
    mediator: await deps.mediators.find(body.mediatorId),
    supervisorId: body.supervisorId ?? null,
    supervisor: body.supervisorId ? await deps.mediators.find(body.supervisorId) : null,
  }));
  command('record-session', 'Record a mediation session', async (body) => ({
    type: 'record-session',
    kind: body.kind,
    heldOn: body.heldOn,
    durationMinutes: body.durationMinutes,
    attendeePartyIds: body.attendeePartyIds,
    otherAttendeeCount: body.otherAttendeeCount,
    notes: seal(body.notes),
    venuePartnerId: body.venuePartnerId ?? null,
    partnerParticipants: body.partnerParticipants,
    partners: await deps.partners.find([
      ...(body.venuePartnerId ? [body.venuePartnerId] : []),
      ...body.partnerParticipants.map((participant) => participant.partnerId),
    ]),
  }));
  command('escalate', 'Escalate to a higher group', (body) => ({
    type: 'escalate',
    level: body.level,
    reason: body.reason,
  }));
  command('record-outcome', 'Record the outcome', (body) => ({
    type: 'record-outcome',
    outcome: body.outcome,
    agreement: seal(body.agreement),
    followUpDue: body.followUpDue ?? null,
  }));
  command('follow-up', 'Record the follow-up', (body) => ({
    type: 'follow-up',
    followedUpOn: body.followedUpOn,
    result: body.result,
    notes: seal(body.notes),
  }));
  command('close', 'Close the case', () => ({ type: 'close' }));
  command('reopen', 'Reopen a closed case', (body) => ({ type: 'reopen', reason: body.reason }));
  command('withdraw', 'Withdraw the case', (body) => ({ type: 'withdraw', reason: body.reason }));
}
