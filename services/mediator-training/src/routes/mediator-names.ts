// Mediators' names by id, for the console's pickers and labels: a case's mediator, the mediators
// offered for assignment. Names only, never contacts; ids the caller may not read are left out.
import { mediatorNamesQuery, mediatorNamesResponse } from '@kelisim/contracts/api/training';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { RouteDeps } from './route-deps.ts';
import { canReadName } from './scope.ts';

export function mediatorNameRoutes(app: HttpApp, deps: RouteDeps): void {
  const { mediators } = deps.stores;

  app.get(
    '/mediators/names',
    {
      schema: {
        summary: 'Names of mediators by id (those the caller may read)',
        operationId: 'listMediatorNames',
        tags: ['mediators'],
        querystring: mediatorNamesQuery,
        response: { 200: mediatorNamesResponse, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { ids } = request.query;
      const found = await mediators.all({ _id: { $in: ids } }, ids.length);
      const readable = found.filter((mediator) => canReadName(request.principal, mediator));
      request.log.info({ asked: ids.length, named: readable.length }, 'mediator names read');
      return {
        items: readable.map((mediator) => ({
          mediatorId: mediator.mediatorId,
          name: deps.cipher.decrypt(mediator.person.name),
        })),
      };
    },
  );
}
