// People's display names by user id, read from the identity provider, so that the console names
// group members and the people in the audit trail instead of showing account ids. For those who
// manage people (administrators, coordinators, supervisors); names only, never an address or a
// phone; 503 when Keycloak cannot be reached, as every lookup there.
import { peopleNamesQuery, peopleNamesResponse } from '@kelisim/contracts/api/notifications';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { RouteDeps } from './route-deps.ts';

export function registerPeopleRoutes(app: HttpApp, { users }: Pick<RouteDeps, 'users'>): void {
  app.get(
    '/people/names',
    {
      schema: {
        summary: "People's display names by user id (users without a name on their account are left out)",
        operationId: 'listPeopleNames',
        tags: ['people'],
        querystring: peopleNamesQuery,
        response: { 200: peopleNamesResponse, ...problemResponses(400, 403, 503) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'admin', 'coordinator', 'supervisor');
      const { ids } = request.query;
      const names = await users.namesOf(ids);
      request.log.info({ asked: ids.length, named: names.size }, 'people names read');
      return { items: [...names].map(([userId, name]) => ({ userId, name })) };
    },
  );
}
