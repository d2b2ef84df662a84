// The groups directory: administrators create, seed, edit and delete groups; members see theirs.

import {
  createGroupBody,
  groupIdParams,
  groupListQuery,
  type groupMemberBody,
  seedGroupsBody,
  updateGroupBody,
} from '@kelisim/contracts/api/notifications';
import { districts, findDistrict, findRegion, regions } from '@kelisim/contracts/reference/regions';
import { answerCreation } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { ForbiddenError, UnprocessableError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { isRepublicWide, requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { z } from 'zod';
import {
  districtGroup,
  type Group,
  type Member,
  regionGroup,
  republicanGroup,
  seedDirectory,
} from '../domain/groups.ts';
import type { UserDirectory } from '../people/keycloak-users.ts';
import { noContent, openRecord } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import {
  canSeeGroup,
  groupNotFound,
  isAdmin,
  isInTerritory,
  ownGroupsQuery,
  requireAdmin,
  territoryQuery,
} from './scope.ts';
import { groupView, groupViewSchema, pageOf } from './views.ts';

const one = { 200: groupViewSchema, ...problemResponses(403, 404, 409, 412, 422) };

type MemberBody = z.output<typeof groupMemberBody>;

/** A member as the administrator named them, with the Keycloak user id they resolve to. */
type ResolvedMember = MemberBody & { resolvedId: string };

/**
 * Looks every named user up in the realm; an unknown one is refused with 422 naming its field.
 * The same user listed twice (by id and by username alike) is refused too.
 */
async function resolveMembers(
  given: readonly MemberBody[],
  users: UserDirectory,
  path: string,
): Promise<ResolvedMember[]> {
  const seen = new Set<string>();
  const resolved: ResolvedMember[] = [];
  for (const [index, member] of given.entries()) {
    const field = `${path}/${index}/${member.userId === undefined ? 'username' : 'userId'}`;
    const user = await users.find(member);
    if (!user) {
      throw new UnprocessableError(
        'group.unknown_user',
        `Member ${index} names no user of the realm${users.verifies ? '' : ' (usernames need Keycloak)'}.`,
        { path: field },
      );
    }
    if (seen.has(user.id)) {
      throw new UnprocessableError('group.duplicate_member', `Member ${index} is listed twice.`, {
        path: field,
      });
    }
    seen.add(user.id);
    resolved.push({ ...member, resolvedId: user.id });
  }
  return resolved;
}

function toMembers(given: readonly ResolvedMember[], current: readonly Member[]): Member[] {
  return given.map((member, index) => {
    const userId = member.resolvedId;
    let webhook: Member['webhook'] = null;
    if (member.webhook) {
      const secret = member.webhook.secret ?? current.find((m) => m.userId === userId)?.webhook?.secret;
      if (!secret) {
        throw new UnprocessableError(
          'group.webhook_secret_missing',
          `A new webhook needs a secret (member ${index}).`,
        );
      }
      webhook = { url: member.webhook.url, secret };
    }
    return { userId, language: member.language, inbox: member.inbox, email: member.email, webhook };
  });
}

async function groupFor(body: z.output<typeof createGroupBody>, users: UserDirectory): Promise<Group> {
  const base =
    body.level === 'republican'
      ? republicanGroup()
      : body.level === 'regional'
        ? regionGroup(findRegion(body.region)!)
        : districtGroup(findDistrict(body.district)!);
  const members = await resolveMembers(body.members, users, '/body/members');
  return { ...base, names: body.names ?? base.names, members: toMembers(members, []) };
}

export function registerGroupRoutes(
  app: HttpApp,
  { groups, users, clock }: Pick<RouteDeps, 'groups' | 'users' | 'clock'>,
): void {
  app.get(
    '/groups',
    {
      schema: {
        summary: "Groups: every group for administrators, the caller's own otherwise",
        operationId: 'listGroups',
        tags: ['groups'],
        querystring: groupListQuery,
        response: { 200: pageOf(groupViewSchema), ...problemResponses(403) },
      },
    },
    async (request) => {
      const { principal } = request;
      const q = request.query;
      const filter = {
        ...(q.region ? { region: q.region } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(isAdmin(principal) ? territoryQuery(principal) : ownGroupsQuery(principal)),
      };
      const after = decodeCursor(q.cursor, ['string'])?.[0];
      const page = (await groups.list(filter, q.limit, after)).filter((g) => canSeeGroup(principal, g));
      const last = page.length === q.limit ? page.at(-1)?.id : undefined;
      return { items: page.map(groupView), nextCursor: last ? encodeCursor([last]) : null };
    },
  );

  app.post(
    '/groups',
    {
      schema: {
        summary: 'Create a group',
        operationId: 'createGroup',
        tags: ['groups'],
        body: createGroupBody,
        response: { 200: groupViewSchema, 201: groupViewSchema, ...problemResponses(403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'admin');
      const group = await groupFor(request.body, users);
      if (!isInTerritory(request.principal, group)) {
        throw new ForbiddenError('Groups are created only in your own territory.', {
          code: 'group.out_of_territory',
        });
      }
      const created = await groups.createOnce({
        group,
        caller: request.principal.sub,
        key: idempotencyKeyFrom(request),
        body: request.body,
        now: clock(),
      });
      return answerCreation(reply, created, `/groups/${group.id}`).send(groupView(created.current));
    },
  );

  app.post(
    '/groups/seed',
    {
      schema: {
        summary: "Seed the directory with the districts' and regions' groups",
        operationId: 'seedGroups',
        tags: ['groups'],
        body: seedGroupsBody,
        response: { 200: openRecord, ...problemResponses(403) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'admin');
      // The directory spans every region: only an administrator of the whole republic seeds it.
      if (!isRepublicWide(request.principal)) {
        throw new ForbiddenError('Only an administrator of the whole republic seeds the directory.');
      }
      const wanted = new Set(request.body.districts);
      return groups.seed(
        seedDirectory(
          regions,
          districts.filter((d) => wanted.has(d.kato)),
        ),
        clock(),
      );
    },
  );

  app.get(
    '/groups/:groupId',
    {
      schema: {
        summary: 'A group',
        operationId: 'getGroup',
        tags: ['groups'],
        params: groupIdParams,
        response: one,
      },
    },
    async (request, reply) => {
      const group = await groups.get(request.params.groupId);
      if (!group || !canSeeGroup(request.principal, group)) throw groupNotFound(request.params.groupId);
      return reply.header('etag', etagOf(group.version)).send(groupView(group));
    },
  );

  app.put(
    '/groups/:groupId',
    {
      schema: {
        summary: 'Update a group',
        operationId: 'updateGroup',
        tags: ['groups'],
        params: groupIdParams,
        body: updateGroupBody,
        response: one,
      },
    },
    async (request, reply) => {
      const { groupId } = request.params;
      requireAdmin(request.principal, groupId, 'group');
      const members = await resolveMembers(request.body.members, users, '/body/members');
      const updated = await groups.update({
        id: groupId,
        expectedVersion: expectedVersionFrom(request),
        now: clock(),
        authorise: (group) => {
          if (!canSeeGroup(request.principal, group)) throw groupNotFound(groupId);
        },
        change: (current) => ({
          names: request.body.names,
          members: toMembers(members, current.members),
        }),
      });
      return reply.header('etag', etagOf(updated.version)).send(groupView(updated));
    },
  );

  app.delete(
    '/groups/:groupId',
    {
      schema: {
        summary: 'Delete a group',
        operationId: 'deleteGroup',
        tags: ['groups'],
        params: groupIdParams,
        response: { 204: noContent, ...problemResponses(403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { groupId } = request.params;
      requireAdmin(request.principal, groupId, 'group');
      await groups.remove({
        id: groupId,
        expectedVersion: expectedVersionFrom(request),
        now: clock(),
        authorise: (group) => {
          if (!canSeeGroup(request.principal, group)) throw groupNotFound(groupId);
        },
      });
      return reply.status(204).send(null); // no body: typed by the 204 schema
    },
  );
}
