// The mediator registry over HTTP: register (coordinators and admins, Idempotency-Key), list
// (filters, cursor), read, edit (If-Match). Personal data is sealed before the domain sees it.
import { pageSchema } from '@kelisim/contracts/api/page';
import {
  mediatorIdParams,
  mediatorListQuery,
  registerMediatorBody,
  updateMediatorBody,
} from '@kelisim/contracts/api/training';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { type Principal, requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { profileAfter, registerMediator, updateMediator } from '../domain/mediator.ts';
import type { AssemblyRecord } from '../domain/volunteer-assembly.ts';
import { contactsOf, mediatorSchema, mediatorView, sealPerson } from './mediator-view.ts';
import type { RouteDeps } from './route-deps.ts';
import { canAssignRegions, canManage, canRead, listScope, notFound } from './scope.ts';

const tags = ['mediators'];

export function mediatorRoutes(app: HttpApp, deps: RouteDeps): void {
  const { mediators } = deps.stores;

  /** The directory's record of a volunteer's assembly, from this service's own partners. */
  async function assemblyRecord(partnerId: string | null | undefined): Promise<AssemblyRecord> {
    const partner = partnerId ? await deps.stores.partners.load(partnerId) : null;
    return partner ? { kind: partner.kind, status: partner.status } : null;
  }

  async function visibleMediator(principal: Principal, mediatorId: string) {
    const mediator = await mediators.load(mediatorId);
    if (!mediator || !canRead(principal, mediator)) throw notFound('mediator');
    return mediator;
  }

  app.post(
    '/mediators',
    {
      schema: {
        summary: 'Register a mediator',
        operationId: 'registerMediator',
        tags,
        body: registerMediatorBody,
        response: { 200: mediatorSchema, 201: mediatorSchema, ...problemResponses(400, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'coordinator', 'admin');
      const { name, contacts, ...profile } = request.body;
      const regions = [profile.homeRegion, ...profile.regions];
      if (!canAssignRegions(principal, regions)) {
        throw new ForbiddenError('You may only register mediators for regions of your territory.');
      }
      const ctx = decisionContextOf(request, deps);
      const assembly = await assemblyRecord(profile.partnerId);
      const created = await deps.commands.registerMediator(
        {
          kind: 'mediator',
          caller: principal.sub,
          key: idempotencyKeyFrom(request),
          body: request.body,
          now: ctx.now,
          decide: (mediatorId) =>
            registerMediator(
              { ...profile, ...sealPerson(deps.cipher, name, contacts), mediatorId, assembly },
              ctx,
            ),
        },
        profile.userId,
      );
      return answerCreation(reply, created, `/mediators/${created.current._id}`).send(
        mediatorView(deps.cipher, created.current),
      );
    },
  );

  app.get(
    '/mediators',
    {
      schema: {
        summary: "Mediators in the caller's territory, filtered, in pages",
        operationId: 'listMediators',
        tags,
        querystring: mediatorListQuery,
        response: { 200: pageSchema(mediatorSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, region, status, language, specialisation } = request.query;
      const filter = {
        ...listScope(request.principal, 'userId'),
        ...(status ? { status } : {}),
        ...(language ? { languages: language } : {}),
        ...(specialisation ? { specialisations: specialisation } : {}),
      };
      // The region filter narrows within the caller's scope, it never widens it.
      const conditions = region ? { $and: [filter, { regions: region }] } : filter;
      const page = await mediators.page(conditions, { cursor, limit });
      return {
        items: page.items.map((item) => mediatorView(deps.cipher, item)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/mediators/:mediatorId',
    {
      schema: {
        summary: 'A mediator',
        operationId: 'getMediator',
        tags,
        params: mediatorIdParams,
        response: { 200: mediatorSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const mediator = await visibleMediator(request.principal, request.params.mediatorId);
      // Who read whose personal data (DESIGN.md §7); ids only.
      request.log.info({ mediatorId: mediator.mediatorId, viewer: request.principal.sub }, 'mediator viewed');
      withVersion(reply, mediator);
      return mediatorView(deps.cipher, mediator);
    },
  );

  app.patch(
    '/mediators/:mediatorId',
    {
      schema: {
        summary: "Edit a mediator's profile",
        operationId: 'editMediator',
        tags,
        params: mediatorIdParams,
        body: updateMediatorBody,
        response: { 200: mediatorSchema, ...problemResponses(400, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { name, contacts, ...profile } = request.body;
      const regions = [...(profile.homeRegion ? [profile.homeRegion] : []), ...(profile.regions ?? [])];
      const ctx = decisionContextOf(request, deps);
      const saved = await deps.commands.mediators.run({
        id: request.params.mediatorId,
        expectedVersion: expectedVersionFrom(request),
        now: ctx.now,
        authorise: (current) => {
          if (!canRead(principal, current)) throw notFound('mediator');
          if (!canManage(principal, current))
            throw new ForbiddenError('Only coordinators and admins edit mediators.');
          if (!canAssignRegions(principal, regions)) {
            throw new ForbiddenError('You may only assign regions of your territory.');
          }
        },
        decide: async (state) => {
          const assembly = await assemblyRecord(profileAfter(state, profile).partnerId);
          const sealed =
            name !== undefined || contacts !== undefined
              ? sealPerson(
                  deps.cipher,
                  name ?? deps.cipher.decrypt(state.person.name),
                  contacts === undefined ? contactsOf(deps.cipher, state.person) : contacts,
                )
              : {};
          return updateMediator(state, { ...profile, ...sealed, assembly }, ctx);
        },
      });
      withVersion(reply, saved);
      return mediatorView(deps.cipher, saved);
    },
  );
}
