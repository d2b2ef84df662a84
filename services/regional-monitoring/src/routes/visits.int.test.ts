// Visits and recommendations through the HTTP API, against the real broker and FerretDB.
import { lintOpenApi } from '@kelisim/service-kit/testing/openapi-lint';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../jobs/overdue-sweep.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const astana = '710000000';

describe('visits and recommendations over HTTP', () => {
  let h: ServiceUnderTest;
  let supervisor: { authorization: string };
  let reviewer: { authorization: string };
  let member: { authorization: string };
  let astanaSupervisor: { authorization: string };

  beforeAll(async () => {
    h = await startServiceUnderTest('rm-visits');
    supervisor = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
    reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
    member = await h.auth.headers({
      sub: 'member-1',
      roles: ['group_member'],
      regions: [almaty],
      groups: ['grp-75'],
    });
    astanaSupervisor = await h.auth.headers({ sub: 'sup-ast', roles: ['supervisor'], regions: [astana] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const plan = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/visits',
      headers,
      payload: {
        region: almaty,
        districts: [almaly],
        plannedFrom: '2030-05-12',
        plannedTo: '2030-05-14',
        team: ['member-1'],
        ...body,
      },
    });

  it('a visit goes planned → in progress → submitted → returned → resubmitted → approved, publishing each step', async () => {
    const planned = await plan(supervisor);
    expect(planned.statusCode).toBe(201);
    const id = planned.json().id as string;
    expect(planned.headers.etag).toBe('"1"');

    const started = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/start`,
      headers: { ...member, 'if-match': '"1"' },
    });
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });

    const findings = [
      { indicator: 'incidents_reported', score: 3, note: 'Two fights near the bazaar' },
      { indicator: 'trust_in_local_mediation', score: 1 },
    ];
    const submit = () =>
      h.app.inject({
        method: 'POST',
        url: `/visits/${id}/submit`,
        headers: member,
        payload: {
          visitedFrom: '2030-05-12',
          visitedTo: '2030-05-13',
          findings,
          overallAssessment: 'Tense but calming',
        },
      });
    const submitted = await submit();
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      findingsScore: 75,
      findings: [{ note: 'Two fights near the bazaar' }, { note: null }],
    });

    const selfReview = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/review`,
      headers: member,
      payload: { decision: 'approved' },
    });
    expect(selfReview.statusCode).toBe(403);

    const returned = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/review`,
      headers: reviewer,
      payload: { decision: 'returned', returnReason: 'incomplete_findings', comment: 'Add the school visit' },
    });
    expect(returned.json()).toMatchObject({
      status: 'reviewed',
      decision: 'returned',
      review: { comment: 'Add the school visit' },
      allowedCommands: ['submit'],
    });

    expect((await submit()).json()).toMatchObject({ status: 'submitted', decision: null });
    const approved = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/review`,
      headers: reviewer,
      payload: { decision: 'approved' },
    });
    expect(approved.json()).toMatchObject({
      status: 'reviewed',
      decision: 'approved',
      reviews: [{ decision: 'returned' }, { decision: 'approved' }],
    });

    // Notes are encrypted at rest: the stored document does not hold them in clear.
    const stored = JSON.stringify(await h.stores.visits.load(id));
    expect(stored).not.toContain('bazaar');
    expect(stored).not.toContain('school visit');

    await waitFor(() => {
      const types = h.published.filter((e) => e.subject === id).map((e) => e.type);
      expect(types).toEqual([
        'visit.planned.v1',
        'visit.submitted.v1',
        'visit.reviewed.v1',
        'visit.submitted.v1',
        'visit.reviewed.v1',
      ]);
    });
    expect(JSON.stringify(h.published)).not.toContain('bazaar');

    // A step out of order names the state and what is allowed.
    const again = await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers: member });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      currentState: 'reviewed:approved',
      allowedCommands: ['issue-recommendation'],
    });
  });

  it('a stale If-Match is refused with 412 and changes nothing', async () => {
    const id = (await plan(supervisor)).json().id as string;
    await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers: member });
    const stale = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/start`,
      headers: { ...member, 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await h.stores.visits.load(id))?.version).toBe(2);
  });

  it('the same Idempotency-Key creates one visit', async () => {
    const headers = { ...supervisor, 'idempotency-key': 'plan-once-123' };
    const [first, second] = await Promise.all([plan(headers), plan(headers)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().id).toBe(second.json().id);
    expect(await h.stores.visits.log.history(first.json().id)).toHaveLength(1);
    const reused = await plan(headers, { plannedTo: '2030-05-20' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('bad input is a 400 problem naming the field, and nothing is written', async () => {
    const before = await h.stores.visits.log.commits.countDocuments();
    const bad = await plan(supervisor, { districts: ['711110000'], plannedFrom: '12.05.2030' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((p) => p.includes('plannedFrom'))).toBe(true);
    expect(paths.some((p) => p.includes('districts'))).toBe(true);
    expect(await h.stores.visits.log.commits.countDocuments()).toBe(before);
  });

  it('a visit outside the caller territory answers 404, and lists show only the territory', async () => {
    const id = (await plan(supervisor)).json().id as string;
    const outside = await h.app.inject({ method: 'GET', url: `/visits/${id}`, headers: astanaSupervisor });
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    const review = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/start`,
      headers: astanaSupervisor,
    });
    expect(review.statusCode).toBe(404);
    const list = await h.app.inject({ method: 'GET', url: '/visits', headers: astanaSupervisor });
    expect(list.json().items).toEqual([]);
    expect((await plan(astanaSupervisor)).statusCode).toBe(403);
  });

  it('lists page by cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await h.app.inject({
        method: 'GET',
        url: `/visits?limit=2&region=${almaty}${query}`,
        headers: member,
      });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((v: { id: string }) => v.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
  });

  const submitted = async () => {
    const id = (await plan(supervisor)).json().id as string;
    await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers: member });
    const submit = () =>
      h.app.inject({
        method: 'POST',
        url: `/visits/${id}/submit`,
        headers: member,
        payload: {
          visitedFrom: '2030-05-12',
          visitedTo: '2030-05-12',
          findings: [{ indicator: 'rumours', score: 2 }],
        },
      });
    expect((await submit()).statusCode).toBe(200);
    return { id, submit };
  };
  const review = (id: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: `/visits/${id}/review`, headers: reviewer, payload });
  /** The consumer has handled the event (its note is written after the handler's effects). */
  const consumed = (eventId: string) =>
    waitFor(async () =>
      expect(
        await h.runtime.connection
          .db!.collection('processed_events')
          .countDocuments({ _id: { $regex: `:${eventId}$` } } as never),
      ).toBe(1),
    );
  const reviewedEvent = async (id: string, decision: string) => {
    let found: { id: string } | undefined;
    await waitFor(() => {
      found = h.published.find(
        (e) => e.type === 'visit.reviewed.v1' && e.subject === id && e.data.decision === decision,
      );
      expect(found).toBeDefined();
    });
    return found as { id: string };
  };

  it('a recommendation is issued from an approved visit, listed with its due date and completed by its owner group', async () => {
    const { id } = await submitted();
    expect((await review(id, { decision: 'approved' })).statusCode).toBe(200);
    const issued = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/recommendations`,
      headers: { ...reviewer, 'idempotency-key': 'rec-1' },
      payload: {
        ownerGroupId: 'grp-75',
        dueDate: '2030-06-01',
        priority: 'high',
        district: almaly,
        text: 'Hold a joint meeting',
      },
    });
    expect(issued.statusCode).toBe(201);
    const recId = issued.json().id as string;
    const listed = await h.app.inject({
      method: 'GET',
      url: `/recommendations?visitId=${id}`,
      headers: member,
    });
    expect(listed.json().items).toMatchObject([
      { id: recId, dueDate: '2030-06-01', status: 'open', text: 'Hold a joint meeting' },
    ]);

    const done = await h.app.inject({
      method: 'POST',
      url: `/recommendations/${recId}/status`,
      headers: { ...member, 'if-match': '"1"' },
      payload: { status: 'done' },
    });
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    const badStatus = await h.app.inject({
      method: 'POST',
      url: `/recommendations/${recId}/status`,
      headers: member,
      payload: { status: 'finished' },
    });
    expect(badStatus.statusCode).toBe(400);
    await waitFor(() =>
      expect(h.published.filter((e) => e.subject === recId).map((e) => e.type)).toEqual([
        'recommendation.issued.v1',
        'recommendation.completed.v1',
      ]),
    );
  });

  it('a recommendation written on a submitted visit is a draft until the review approves it: returned, it stays a draft with the visit', async () => {
    const { id, submit } = await submitted();
    const drafted = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/recommendations`,
      headers: { ...reviewer, 'idempotency-key': 'draft-1' },
      payload: { ownerGroupId: 'grp-75', dueDate: '2030-06-01', district: almaly, text: 'Meet the elders' },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    expect(drafted.json()).toMatchObject({ status: 'draft', visitId: id, dueDate: '2030-06-01' });
    const recId = drafted.json().id as string;
    const listed = await h.app.inject({
      method: 'GET',
      url: `/recommendations?visitId=${id}&status=draft`,
      headers: member,
    });
    expect(listed.json().items).toMatchObject([{ id: recId, status: 'draft', text: 'Meet the elders' }]);
    // Its owner group cannot take it up before it is issued.
    const early = await h.app.inject({
      method: 'POST',
      url: `/recommendations/${recId}/status`,
      headers: member,
      payload: { status: 'in_progress' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'recommendation.draft' });

    expect((await review(id, { decision: 'returned', comment: 'Add the school visit' })).statusCode).toBe(
      200,
    );
    await consumed((await reviewedEvent(id, 'returned')).id);
    expect((await h.stores.recommendations.load(recId))?.status).toBe('draft');
    // Past its due date, a draft is not swept: it is nobody's yet.
    await sweepOverdue({
      stores: h.stores,
      clock: () => new Date('2030-07-01T06:00:00Z'),
      wakeRelay: () => h.relay.wake(),
      logger: h.runtime.logger,
    });
    expect((await h.stores.recommendations.load(recId))?.overdue).toBe(false);
    expect(h.published.filter((e) => e.subject === recId)).toEqual([]);
    // Back with the visit, the draft is reworked with it.
    const edit = (payload: Record<string, unknown>) =>
      h.app.inject({
        method: 'PATCH',
        url: `/recommendations/${recId}`,
        headers: { ...reviewer, 'if-match': '"1"' },
        payload,
      });
    const edited = await edit({ dueDate: '2030-06-15', text: 'Meet the elders and the akimat' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'draft', version: 2, dueDate: '2030-06-15' });

    expect((await submit()).statusCode).toBe(200);
    expect((await review(id, { decision: 'approved' })).statusCode).toBe(200);
    const approval = await reviewedEvent(id, 'approved');
    await consumed(approval.id);
    await waitFor(() => expect(h.published.filter((e) => e.subject === recId)).toHaveLength(1));
    expect(h.published.find((e) => e.subject === recId)).toMatchObject({
      type: 'recommendation.issued.v1',
      causationid: approval.id,
      data: { visitId: id, dueDate: '2030-06-15', ownerGroupId: 'grp-75', issuedBy: 'sup-review' },
    });
    const read = await h.app.inject({ method: 'GET', url: `/recommendations/${recId}`, headers: member });
    expect(read.json()).toMatchObject({
      status: 'open',
      version: 3,
      dueDate: '2030-06-15',
      text: 'Meet the elders and the akimat',
    });
    // Issued once: one commit with its event, whatever delivered the approval.
    const commits = await h.stores.recommendations.log.history(recId);
    expect(commits.map((c) => c.events.map((e) => e.type))).toEqual([[], [], ['recommendation.issued.v1']]);
    // Issued, it is its owner group's: no longer edited.
    const late = await h.app.inject({
      method: 'PATCH',
      url: `/recommendations/${recId}`,
      headers: reviewer,
      payload: { text: 'Something else' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'recommendation.issued' });
  });

  it('the indicator catalogue is shipped, readable by all and edited by an admin with If-Match', async () => {
    const list = await h.app.inject({ method: 'GET', url: '/indicators', headers: member });
    expect(list.json().items.length).toBeGreaterThanOrEqual(12);
    const admin = await h.auth.headers({ sub: 'admin-1', roles: ['admin'], regions: ['KZ'] });
    const edit = (headers: Record<string, string>) =>
      h.app.inject({
        method: 'PATCH',
        url: '/indicators/rumours',
        headers: { ...headers, 'if-match': '"1"' },
        payload: { weight: 0.9 },
      });
    expect((await edit(member)).statusCode).toBe(403);
    expect((await edit(admin)).json()).toMatchObject({ code: 'rumours', weight: 0.9, version: 2 });
    expect((await edit(admin)).statusCode).toBe(412);
  });

  it('its OpenAPI document passes a standard linter with no error, so clients can be generated from it', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect((await lintOpenApi(document)).errors).toEqual([]);
  });
});
