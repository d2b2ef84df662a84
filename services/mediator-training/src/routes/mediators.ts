// The mediator registry over HTTP: register (coordinators and admins, Idempotency-Key), list
// (filters, cursor), read, edit (If-Match). Personal data is sealed before the domain sees it.
import { listQueryBaseSchema } from '@kelisim/contracts/api/list-query';
import { pageSchema } from '@kelisim/contracts/api/page';
import { idSchema } from '@kelisim/contracts/fields';
import { caseCategorySchema } from '@kelisim/contracts/reference/case-vocabulary';
import { languageSchema, mediatorStatusSchema } from '@kelisim/contracts/reference/people-vocabulary';
import { ConflictError, ForbiddenError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import { type Principal, requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { registerMediator, updateMediator } from '../domain/mediator.ts';
import { stateOf } from '../store/aggregate-store.ts';
import {
  contactsOf,
  mediatorSchema,
  mediatorView,
  registerMediatorBody,
  sealPerson,
  updateMediatorBody,
} from './mediator-view.ts';
import {
  commandContext,
  creationId,
  markReplayed,
  type RouteDeps,
  saving,
  versionToWrite,
  withEtag,
} from './route-deps.ts';
import { canAssignRegions, canManage, canRead, listScope, notFound } from './scope.ts';

export const mediatorIdParams = z.object({ mediatorId: idSchema });

const listQuery = listQueryBaseSchema.omit({ district: true, from: true, to: true }).extend({
  status: mediatorStatusSchema.optional(),
  language: languageSchema.optional(),
  specialisation: caseCategorySchema.optional(),
});

const tags = ['mediators'];

export function mediatorRoutes(app: HttpApp, deps: RouteDeps): void {
  const { mediators } = deps.stores;

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
        response: { 201: mediatorSchema, ...problemResponses(400, 403, 409) },
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
      const { id, keyed } = creationId(request, deps, 'med');
      const existing = keyed ? await mediators.load(id) : null;
      if (existing) {
        markReplayed(reply);
        withEtag(reply, existing.version);
        return reply.status(201).send(mediatorView(deps.cipher, existing));
      }
      const sealed = sealPerson(deps.cipher, name, contacts);
      const ctx = commandContext(request, deps);
      const decision = registerMediator({ ...profile, ...sealed, mediatorId: id }, ctx);
      // Claimed just before the commit: two registrations of one user cannot both pass.
      const holder = await deps.stores.mediatorUsers.claim(
        profile.userId,
        id,
        async (mediatorId) => ((await mediators.load(mediatorId)) ? 'holds' : 'absent'),
        ctx.now,
      );
      if (holder !== null) {
        throw new ConflictError('This user is already registered as a mediator.', {
          code: 'mediator.user_already_registered',
        });
      }
      const saved = await saving(request, () => mediators.save(id, 0, decision, ctx.now));
      deps.relay.wake();
      withEtag(reply, saved.version);
      return reply.status(201).send(mediatorView(deps.cipher, saved));
    },
  );

  app.get(
    '/mediators',
    {
      schema: {
        summary: "Mediators in the caller's territory, filtered, in pages",
        operationId: 'listMediators',
        tags,
        querystring: listQuery,
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
      withEtag(reply, mediator.version);
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
        response: { 200: mediatorSchema, ...problemResponses(400, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const current = await visibleMediator(principal, request.params.mediatorId);
      if (!canManage(principal, current))
        throw new ForbiddenError('Only coordinators and admins edit mediators.');
      const { name, contacts, ...profile } = request.body;
      const regions = [...(profile.homeRegion ? [profile.homeRegion] : []), ...(profile.regions ?? [])];
      if (!canAssignRegions(principal, regions)) {
        throw new ForbiddenError('You may only assign regions of your territory.');
      }
      const expectedVersion = versionToWrite(request, current);
      const sealed =
        name !== undefined || contacts !== undefined
          ? sealPerson(
              deps.cipher,
              name ?? deps.cipher.decrypt(current.person.name),
              contacts === undefined ? contactsOf(deps.cipher, current.person) : contacts,
            )
          : {};
      const ctx = commandContext(request, deps);
      const decision = updateMediator(stateOf(current), { ...profile, ...sealed }, ctx);
      const saved = await saving(request, () =>
        mediators.save(current._id, expectedVersion, decision, ctx.now),
      );
      deps.relay.wake();
      withEtag(reply, saved.version);
      return mediatorView(deps.cipher, saved);
    },
  );
}
