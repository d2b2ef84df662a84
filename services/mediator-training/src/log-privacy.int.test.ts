// No free text in any log line, at trace level: a marker planted through the API in every
// free-text field (the OpenAPI document says which; a new one without a plant fails here) is found
// in none of the lines the service wrote while registering and editing a mediator and creating and
// editing a course.
import { type CapturedLog, capturedLog } from '@kelisim/service-kit/testing/captured-log';
import { watchPlants } from '@kelisim/service-kit/testing/free-text-fields';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const marker = `Kanareyka${Date.now().toString(36)}`;
const almaty = '750000000';

describe('logs of mediator-training', () => {
  let svc: ServiceUnderTest;
  let log: CapturedLog;
  let plants: ReturnType<typeof watchPlants>;

  beforeAll(async () => {
    log = capturedLog('mediator-training');
    svc = await startServiceUnderTest('mt-log-privacy', { logger: log.logger });
    plants = watchPlants(svc.app, marker);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('hold no text planted in any free-text field of the API', async () => {
    const coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
    const call = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
      const answer = await svc.app.inject({ method, url, headers: coordinator, payload });
      expect(answer.statusCode, `${method} ${url}: ${answer.body}`).toBeLessThan(300);
      return answer.json();
    };
    const title = (words: string) => ({ kk: `${marker} ${words}`, ru: `${marker} ${words}` });

    const mediator = await call('POST', '/mediators', {
      userId: 'user-privacy',
      name: `${marker} Aigerimovna`,
      contacts: { phone: '+7 701 000 00 00', email: 'privacy@example.kz' },
      homeRegion: almaty,
      languages: ['kk', 'ru'],
    });
    await call('PATCH', `/mediators/${mediator.mediatorId}`, { name: `${marker} Bolatqyzy` });
    const course = await call('POST', '/courses', {
      title: title('negizderi'),
      modules: [{ moduleId: 'm1', title: title('kirispe'), hours: 20 }],
      requiredHours: 20,
      passMark: 70,
      validityMonths: 36,
    });
    const partner = await call('POST', '/partners', {
      kind: 'council_of_elders',
      names: title('aqsaqaldar'),
      region: almaty,
      contactPerson: { name: `${marker} Serikuly`, position: `${marker} toraga`, phone: '+7 701 111 22 33' },
    });
    await call('PATCH', `/partners/${partner.partnerId}`, {
      names: title('jana atau'),
      contactPerson: { name: `${marker} Nurlanuly`, position: `${marker} hatshy` },
    });
    await call('PATCH', `/courses/${course.courseId}`, {
      title: title('jana'),
      modules: [{ moduleId: 'm1', title: title('jana modul'), hours: 20 }],
    });

    const document = (await svc.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(plants.unplanted(document)).toEqual([]);
    expect(log.text()).toContain(mediator.mediatorId); // the log was captured, and is about this mediator
    expect(log.text()).not.toContain(marker);
  });
});
