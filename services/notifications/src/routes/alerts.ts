// The inbox: a group's alerts (filters, keyset pages), one alert, and the member's commands on it:
// mark read, acknowledge (with a note), resolve. Scoped through the alert's group.

import {
  acknowledgeAlertBody,
  alertIdParams,
  exportAlertsQuery,
  groupIdParams,
  inboxQuery,
  resolveAlertBody,
} from '@kelisim/contracts/api/notifications';
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import { pagesOf } from '@kelisim/service-kit/exports/register-pages';
import { registerResponse, sendRegister } from '@kelisim/service-kit/exports/register-reply';
import type { HttpApp } from '@kelisim/service-kit/http';
import { isRepublicWide, type Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AlertState, acknowledge, type Decision, markRead, resolve } from '../domain/alert.ts';
import { alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { StoredAlert } from '../store/alerts-store.ts';
import { alertColumns, exportPageSize, type InboxFilters } from './alert-register.ts';
import { openPage } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import {
  alertNotFound,
  canSeeGroup,
  groupNotFound,
  isAdmin,
  ownGroupsQuery,
  territoryQuery,
} from './scope.ts';
import { alertView, alertViewSchema, pageOf } from './views.ts';

// Reads answer 404 out of scope; commands also 409 (wrong state), 412 (stale If-Match) and 422.
const one = { 200: alertViewSchema, ...problemResponses(403, 404, 409, 412, 422) };

type Deps = Pick<RouteDeps, 'groups' | 'alerts' | 'deliveries' | 'committed' | 'clock' | 'cipher'>;

export function registerAlertRoutes(app: HttpApp, deps: Deps): void {
  const { groups, alerts, clock } = deps;

  /** The alert, if the caller may see its group; otherwise 404. */
  async function visibleAlert(principal: Principal, alertId: string): Promise<StoredAlert> {
    const alert = await alerts.get(alertId);
    const group = alert ? await groups.get(alert.groupId) : null;
    if (!alert || !group || !canSeeGroup(principal, group)) throw alertNotFound(alertId);
    return alert;
  }

  const runner = alertRunner(alerts, deps.committed, alertNotFound);

  /** A member's command on an alert they may see (404 otherwise); `pinned`: If-Match applies. */
  async function runOnVisible(
    request: FastifyRequest,
    alertId: string,
    decide: (state: AlertState, ctx: DecisionContext) => Decision,
    pinned = true,
  ): Promise<StoredAlert> {
    await visibleAlert(request.principal, alertId);
    const ctx = decisionContextOf(request, { clock, newId: newEventId });
    return runner.run({
      id: alertId,
      expectedVersion: pinned ? expectedVersionFrom(request) : undefined,
      now: ctx.now,
      decide: (state) => decide(state, ctx),
    });
  }

  /** A page of the groups' alerts as stored; `groupIds` null is every group. */
  async function storedInboxPage(groupIds: readonly string[] | null, q: InboxFilters) {
    const keys = decodeCursor(q.cursor, ['date', 'string']);
    const after = keys && { raisedAt: keys[0], id: keys[1] };
    const page = await alerts.inbox(
      {
        groupIds,
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.region ? { region: q.region } : {}),
        ...(q.district ? { district: q.district } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      },
      q.limit,
      after,
    );
    const last = page.length === q.limit ? page.at(-1) : undefined;
    return { items: page, nextCursor: last ? encodeCursor([last.raisedAt, last.alertId]) : null };
  }

  async function inboxPage(
    principal: Principal,
    groupIds: readonly string[] | null,
    q: z.output<typeof inboxQuery>,
  ) {
    const page = await storedInboxPage(groupIds, q);
    return { ...page, items: page.items.map((a) => alertView(a, principal.sub, deps.cipher)) };
  }

  /** The groups whose alerts the caller's inbox lists; null is every group. */
  async function inboxGroupIds(principal: Principal): Promise<string[] | null> {
    if (isAdmin(principal) && isRepublicWide(principal)) return null;
    // An administrator of some regions reads their groups' alerts; a member, their own groups'.
    const mine = await groups.list(
      isAdmin(principal) ? territoryQuery(principal) : ownGroupsQuery(principal),
      isAdmin(principal) ? 1_000 : 100,
    );
    return mine.filter((group) => canSeeGroup(principal, group)).map((group) => group.id);
  }

  const deliveriesResponse = { 200: openPage, ...problemResponses(403, 404) };
  const pageResponse = { 200: pageOf(alertViewSchema), ...problemResponses(403, 404) };

  // One group's inbox.
  app.get(
    '/groups/:groupId/alerts',
    {
      schema: {
        summary: "A group's alerts, newest first",
        operationId: 'listGroupAlerts',
        tags: ['alerts'],
        params: groupIdParams,
        querystring: inboxQuery,
        response: pageResponse,
      },
    },
    async (request) => {
      const { groupId } = request.params;
      const group = await groups.get(groupId);
      if (!group || !canSeeGroup(request.principal, group)) throw groupNotFound(groupId);
      return inboxPage(request.principal, [groupId], request.query);
    },
  );

  // The member's inbox: the alerts of every group they may see (administrators: all groups).
  app.get(
    '/alerts',
    {
      schema: {
        summary: "The caller's inbox: the alerts of every group they may see",
        operationId: 'listAlerts',
        tags: ['alerts'],
        querystring: inboxQuery,
        response: pageResponse,
      },
    },
    async (request) => {
      const { principal } = request;
      return inboxPage(principal, await inboxGroupIds(principal), request.query);
    },
  );

  // The inbox as a register: its filters and groups over every page, as CSV or XLSX.
  app.get(
    '/alerts/export',
    {
      schema: {
        summary: "The caller's inbox (its filters, every page) as CSV or XLSX",
        operationId: 'exportAlerts',
        tags: ['alerts'],
        querystring: exportAlertsQuery,
        response: { 200: registerResponse, ...problemResponses(403) },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const groupIds = await inboxGroupIds(request.principal);
      return sendRegister(reply, {
        format,
        name: `alerts-${dayOf(clock())}`,
        columns: alertColumns,
        pages: pagesOf((cursor) => storedInboxPage(groupIds, { ...filters, cursor, limit: exportPageSize })),
      });
    },
  );

  app.get(
    '/alerts/:alertId',
    {
      schema: {
        summary: 'An alert',
        operationId: 'getAlert',
        tags: ['alerts'],
        params: alertIdParams,
        response: one,
      },
    },
    async (request, reply) => {
      const alert = await visibleAlert(request.principal, request.params.alertId);
      return reply
        .header('etag', etagOf(alert.version))
        .send(alertView(alert, request.principal.sub, deps.cipher));
    },
  );

  app.get(
    '/alerts/:alertId/deliveries',
    {
      schema: {
        summary: "An alert's deliveries",
        operationId: 'listAlertDeliveries',
        tags: ['alerts'],
        params: alertIdParams,
        response: deliveriesResponse,
      },
    },
    async (request) => {
      const alert = await visibleAlert(request.principal, request.params.alertId);
      const records = await deps.deliveries.forAlert(alert.alertId);
      return { items: records.map(({ _id, ...rest }) => ({ id: _id, ...rest })), nextCursor: null };
    },
  );

  app.post(
    '/alerts/:alertId/read',
    {
      schema: {
        summary: 'Mark an alert read',
        operationId: 'markAlertRead',
        tags: ['alerts'],
        params: alertIdParams,
        response: one,
      },
    },
    async (request, reply) => {
      const { principal } = request;
      // Reading is the member's own mark: it takes no If-Match.
      const changed = await runOnVisible(
        request,
        request.params.alertId,
        (s) => orUnchanged(s, markRead(s, principal.sub)),
        false,
      );
      return withVersion(reply, changed).send(alertView(changed, principal.sub, deps.cipher));
    },
  );

  app.post(
    '/alerts/:alertId/acknowledge',
    {
      schema: {
        summary: 'Acknowledge an alert, with a note',
        operationId: 'acknowledgeAlert',
        tags: ['alerts'],
        params: alertIdParams,
        body: acknowledgeAlertBody,
        response: one,
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const note = request.body.note || null;
      const sealed = note ? deps.cipher.encrypt(note) : null;
      const changed = await runOnVisible(request, request.params.alertId, (s, ctx) =>
        acknowledge(s, { userId: principal.sub, note: sealed }, ctx),
      );
      // Stops the escalation of every alert in the chain at this severity, including ones already
      // raised upstream; a later rise in severity asks for acknowledgement again.
      await alerts.markChainAcknowledged(changed.chainId, changed.severity, clock());
      return withVersion(reply, changed).send(alertView(changed, principal.sub, deps.cipher));
    },
  );

  app.post(
    '/alerts/:alertId/resolve',
    {
      schema: {
        summary: 'Resolve an alert',
        operationId: 'resolveAlert',
        tags: ['alerts'],
        params: alertIdParams,
        body: resolveAlertBody,
        response: one,
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const { resolution } = request.body;
      const changed = await runOnVisible(request, request.params.alertId, (s, ctx) =>
        resolve(s, { userId: principal.sub, resolution }, ctx),
      );
      // A resolved alert needs no one's acknowledgement any more: its chain stops too.
      await alerts.markChainAcknowledged(changed.chainId, 'critical', clock());
      return withVersion(reply, changed).send(alertView(changed, principal.sub, deps.cipher));
    },
  );
}
