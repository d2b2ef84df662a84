// The partner directory over HTTP (issue 27, docs/adr/0023): coordinators and admins register
// (Idempotency-Key) and edit (If-Match) the partners of their territory; every signed-in user of a
// territory reads its partners, for the pickers of referrals, venues and visits. The contact person
// is sealed before the domain sees it and shown only to those who manage the directory.
import { pageSchema } from '@kelisim/contracts/api/page';
import {
  type ContactPerson,
  contactPersonSchema,
  type PartnerView,
  partnerIdParams,
  partnerListQuery,
  partnerSchema,
  registerPartnerBody,
  updatePartnerBody,
} from '@kelisim/contracts/api/partners';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import type { Current } from '@kelisim/service-kit/commit-log';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import { canSeeRegion, type Principal, regionScopeFilter, requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { PartnerState } from '../domain/partner.ts';
import { registerPartner, updatePartner } from '../domain/partner.ts';
import type { RouteDeps } from './route-deps.ts';
import { isManager, notFound } from './scope.ts';

const tags = ['partners'];

function seal(cipher: FieldCipher, person: ContactPerson | null) {
  return person ? cipher.encrypt(JSON.stringify(person)) : null;
}

function partnerView(cipher: FieldCipher, principal: Principal, partner: Current<PartnerState>): PartnerView {
  const { _id, contactPerson, ...rest } = partner;
  const mayReadContact = isManager(principal) && canSeeRegion(principal, partner.region);
  return {
    ...rest,
    contactPerson:
      mayReadContact && contactPerson
        ? contactPersonSchema.parse(JSON.parse(cipher.decrypt(contactPerson)))
        : null,
  };
}

export function partnerRoutes(app: HttpApp, deps: RouteDeps): void {
  const { partners } = deps.stores;

  const mayManage = (principal: Principal, region: string) =>
    isManager(principal) && canSeeRegion(principal, region);

  app.post(
    '/partners',
    {
      schema: {
        summary: 'Register a partner organisation',
        operationId: 'registerPartner',
        tags,
        body: registerPartnerBody,
        response: { 200: partnerSchema, 201: partnerSchema, ...problemResponses(400, 403, 422) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'coordinator', 'admin');
      const { contactPerson, ...profile } = request.body;
      if (!mayManage(principal, profile.region)) {
        throw new ForbiddenError('You may only register partners of your territory.');
      }
      const ctx = decisionContextOf(request, deps);
      const created = await deps.commands.registerPartner({
        kind: 'partner',
        caller: principal.sub,
        key: idempotencyKeyFrom(request),
        body: request.body,
        now: ctx.now,
        decide: (partnerId) =>
          registerPartner({ ...profile, partnerId, contactPerson: seal(deps.cipher, contactPerson) }, ctx),
      });
      return answerCreation(reply, created, `/partners/${created.current._id}`).send(
        partnerView(deps.cipher, principal, created.current),
      );
    },
  );

  app.get(
    '/partners',
    {
      schema: {
        summary: "Partners in the caller's territory, filtered, in pages",
        operationId: 'listPartners',
        tags,
        querystring: partnerListQuery,
        response: { 200: pageSchema(partnerSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, region, district, kind, status, community } = request.query;
      const filter = {
        ...(region ? { region } : {}),
        ...(district ? { district } : {}),
        ...(kind ? { kind } : {}),
        ...(status ? { status } : {}),
        ...(community ? { communities: community } : {}),
      };
      // The caller's scope narrows the filter, it never widens it; a region asked for stays a
      // top-level equality, which an index answers.
      if (region && !canSeeRegion(request.principal, region)) return { items: [], nextCursor: null };
      const conditions = region ? filter : { ...filter, ...regionScopeFilter(request.principal, 'region') };
      const page = await partners.page(conditions, { cursor, limit });
      return {
        items: page.items.map((item) => partnerView(deps.cipher, request.principal, item)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/partners/:partnerId',
    {
      schema: {
        summary: 'A partner organisation',
        operationId: 'getPartner',
        tags,
        params: partnerIdParams,
        response: { 200: partnerSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const partner = await partners.load(request.params.partnerId);
      if (!partner || !canSeeRegion(request.principal, partner.region)) throw notFound('partner');
      if (partner.contactPerson && mayManage(request.principal, partner.region)) {
        // Who read whose personal data (DESIGN.md §7); ids only.
        request.log.info(
          { partnerId: partner.partnerId, viewer: request.principal.sub },
          'partner contact viewed',
        );
      }
      withVersion(reply, partner);
      return partnerView(deps.cipher, request.principal, partner);
    },
  );

  app.patch(
    '/partners/:partnerId',
    {
      schema: {
        summary: 'Edit a partner organisation',
        operationId: 'editPartner',
        tags,
        params: partnerIdParams,
        body: updatePartnerBody,
        response: { 200: partnerSchema, ...problemResponses(400, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { contactPerson, ...profile } = request.body;
      const ctx = decisionContextOf(request, deps);
      const saved = await deps.commands.partners.run({
        id: request.params.partnerId,
        expectedVersion: expectedVersionFrom(request),
        now: ctx.now,
        authorise: (current) => {
          if (!canSeeRegion(principal, current.region)) throw notFound('partner');
          if (
            !mayManage(principal, current.region) ||
            (profile.region && !mayManage(principal, profile.region))
          ) {
            throw new ForbiddenError('Only coordinators and admins of its territory edit a partner.');
          }
        },
        decide: (state) =>
          updatePartner(
            state,
            {
              ...profile,
              ...(contactPerson !== undefined ? { contactPerson: seal(deps.cipher, contactPerson) } : {}),
            },
            ctx,
          ),
      });
      withVersion(reply, saved);
      return partnerView(deps.cipher, principal, saved);
    },
  );
}
