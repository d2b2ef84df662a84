// Subscription rules: administrators list and edit them (If-Match on the rule's version).
import { ruleBody, ruleIdParams } from '@kelisim/contracts/api/notifications';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { openPage, openRecord } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import { requireAdmin } from './scope.ts';

export function registerRuleRoutes(app: HttpApp, { rules, clock }: Pick<RouteDeps, 'rules' | 'clock'>): void {
  app.get(
    '/rules',
    {
      schema: {
        summary: 'Subscription rules',
        operationId: 'listRules',
        tags: ['rules'],
        response: { 200: openPage, ...problemResponses(403) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'admin');
      return { items: await rules.list(), nextCursor: null };
    },
  );

  app.put(
    '/rules/:ruleId',
    {
      schema: {
        summary: 'Update a subscription rule',
        operationId: 'updateRule',
        tags: ['rules'],
        params: ruleIdParams,
        body: ruleBody,
        response: { 200: openRecord, ...problemResponses(403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { ruleId } = request.params;
      requireAdmin(request.principal, ruleId, 'rule');
      const body = request.body;
      const updated = await rules.update(
        ruleId,
        { minSeverity: body.minSeverity, targets: [...new Set(body.targets)], enabled: body.enabled },
        expectedVersionFrom(request),
        clock(),
      );
      return reply.header('etag', etagOf(updated.version)).send(updated);
    },
  );
}
