// No free text in any log line, at trace level: a marker planted through the API in every
// free-text field (the OpenAPI document says which; a new one without a plant fails here) is found
// in none of the lines the service wrote while planning, submitting, returning, approving a visit,
// issuing and completing a recommendation and editing the indicator catalogue.
import { type CapturedLog, capturedLog } from '@kelisim/service-kit/testing/captured-log';
import { watchPlants } from '@kelisim/service-kit/testing/free-text-fields';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const marker = `Kanareyka${Date.now().toString(36)}`;
const almaty = '750000000';
const almaly = '751110000';

describe('logs of regional-monitoring', () => {
  let h: ServiceUnderTest;
  let log: CapturedLog;
  let plants: ReturnType<typeof watchPlants>;

  beforeAll(async () => {
    log = capturedLog('regional-monitoring');
    h = await startServiceUnderTest('rm-log-privacy', { logger: log.logger });
    plants = watchPlants(h.app, marker);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('hold no text planted in any free-text field of the API', async () => {
    const supervisor = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
    const reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
    const member = await h.auth.headers({ sub: 'member-1', roles: ['group_member'], regions: [almaty] });
    const admin = await h.auth.headers({ sub: 'admin-1', roles: ['admin'], regions: ['KZ'] });
    const call = async (headers: object, method: 'POST' | 'PATCH', url: string, payload?: object) => {
      const answer = await h.app.inject({ method, url, headers: headers as Record<string, string>, payload });
      expect(answer.statusCode, `${method} ${url}: ${answer.body}`).toBeLessThan(300);
      return answer.json();
    };

    const code = `privacy_${Date.now().toString(36)}`;
    await call(admin, 'POST', '/indicators', {
      code,
      labels: { kk: `${marker} көрсеткіш`, ru: `${marker} показатель` },
      direction: 'calming',
      weight: 0.1,
    });
    await call(admin, 'PATCH', `/indicators/${code}`, {
      labels: { kk: `${marker} жаңа`, ru: `${marker} новый` },
    });
    const visit = await call(supervisor, 'POST', '/visits', {
      region: almaty,
      districts: [almaly],
      plannedFrom: '2030-05-12',
      plannedTo: '2030-05-14',
      team: ['member-1'],
    });
    await call(member, 'POST', `/visits/${visit.id}/start`);
    const submission = {
      visitedFrom: '2030-05-12',
      visitedTo: '2030-05-13',
      findings: [
        { indicator: 'incidents_reported', score: 3, note: `${marker} saw a fight near the bazaar` },
      ],
      overallAssessment: `${marker} thinks it is tense`,
    };
    await call(member, 'POST', `/visits/${visit.id}/submit`, submission);
    // Written before the review, a recommendation is a draft, reworked until the visit is approved.
    const draft = await call(reviewer, 'POST', `/visits/${visit.id}/recommendations`, {
      ownerGroupId: 'grp-75',
      dueDate: '2030-06-01',
      district: almaly,
      text: `${marker} drafts a meeting`,
    });
    await call(reviewer, 'PATCH', `/recommendations/${draft.id}`, {
      text: `${marker} drafts a joint meeting`,
    });
    await call(reviewer, 'POST', `/visits/${visit.id}/review`, {
      decision: 'returned',
      returnReason: 'incomplete_findings',
      comment: `${marker} asks for the school visit`,
    });
    await call(member, 'POST', `/visits/${visit.id}/submit`, submission);
    await call(reviewer, 'POST', `/visits/${visit.id}/review`, { decision: 'approved' });
    await call(reviewer, 'POST', `/visits/${visit.id}/recommendations`, {
      ownerGroupId: 'grp-75',
      dueDate: '2030-06-01',
      priority: 'high',
      district: almaly,
      text: `${marker} should hold a joint meeting`,
    });

    const document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(plants.unplanted(document)).toEqual([]);
    expect(log.text()).toContain(visit.id); // the log was captured, and is about this visit
    expect(log.text()).not.toContain(marker);
  });
});
