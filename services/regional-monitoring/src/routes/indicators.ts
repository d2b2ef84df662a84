// The indicator catalogue over HTTP: anyone signed in reads it; an administrator adds and edits
// indicators (If-Match for edits, so two administrators do not overwrite each other).
import { addIndicatorBody, editIndicatorBody, indicatorCodeParams } from '@kelisim/contracts/api/monitoring';
import { withVersion } from '@kelisim/service-kit/commands/command-http';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { editIndicator, type Indicator } from '../domain/indicators.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';

const view = (indicator: Indicator, version: number) => ({ ...indicator, version });

export function registerIndicatorRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, commands, clock } = deps;
  const tags = ['indicators'];

  app.get(
    '/indicators',
    {
      schema: {
        summary: 'The indicator catalogue',
        operationId: 'listIndicators',
        tags,
        response: listResponses,
      },
    },
    async () => {
      const all = await stores.indicators.all();
      return { items: all.map((doc) => view(stateOf(doc), doc.version)) };
    },
  );

  app.get(
    '/indicators/:code',
    {
      schema: {
        summary: 'An indicator',
        operationId: 'getIndicator',
        tags,
        params: indicatorCodeParams,
        response: readResponses,
      },
    },
    async (request, reply) => {
      const doc = await stores.indicators.load(request.params.code);
      if (!doc) throw new NotFoundError('No such indicator.', { code: 'indicator.not_found' });
      return withVersion(reply, doc).send(view(stateOf(doc), doc.version));
    },
  );

  app.post(
    '/indicators',
    {
      schema: {
        summary: 'Add an indicator to the catalogue',
        operationId: 'addIndicator',
        tags,
        body: addIndicatorBody,
        response: createResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'admin');
      const added = await commands.addIndicator({ ...request.body, active: true }, clock());
      return withVersion(reply, added)
        .status(201)
        .header('location', `/indicators/${added.code}`)
        .send(view(stateOf(added), added.version));
    },
  );

  app.patch(
    '/indicators/:code',
    {
      schema: {
        summary: 'Edit an indicator',
        operationId: 'editIndicator',
        tags,
        params: indicatorCodeParams,
        body: editIndicatorBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'admin');
      const edited = await commands.indicators.run({
        id: request.params.code,
        expectedVersion: expectedVersionFrom(request),
        now: clock(),
        decide: (indicator) => ({ state: editIndicator(indicator, request.body), events: [] }),
      });
      return withVersion(reply, edited).send(view(stateOf(edited), edited.version));
    },
  );
}
