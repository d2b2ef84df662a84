// No free text in any log line, at trace level: a marker planted through the API in every
// free-text field (the OpenAPI document says which; a new one without a plant fails here) is found
// in none of the lines the service wrote while creating and updating a group, raising, delivering
// and acknowledging an alert.
import { type CapturedLog, capturedLog } from '@kelisim/service-kit/testing/captured-log';
import { watchPlants } from '@kelisim/service-kit/testing/free-text-fields';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtGroupId,
  eventually,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const marker = `Kanareyka${Date.now().toString(36)}`;

describe('logs of notifications', () => {
  let f: ServiceUnderTest;
  let log: CapturedLog;
  let plants: ReturnType<typeof watchPlants>;

  beforeAll(async () => {
    log = capturedLog('notifications');
    f = await startServiceUnderTest('nt-log-privacy', { logger: log.logger });
    plants = watchPlants(f.service.app, marker);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('hold no text planted in any free-text field of the API', async () => {
    const admin = await f.admin();
    const call = async (method: 'POST' | 'PUT', url: string, payload: object, headers: object = admin) => {
      const answer = await f.service.app.inject({
        method,
        url,
        headers: headers as Record<string, string>,
        payload,
      });
      expect(answer.statusCode, `${method} ${url}: ${answer.body}`).toBeLessThan(300);
      return answer.json();
    };
    const member = (secret: string) => ({
      userId: 'privacy-1',
      language: 'kk',
      // A Standard Webhooks secret whose base64 text carries the marker (44 characters: 33 bytes).
      webhook: {
        url: f.webhooks.url('/ok'),
        secret: `whsec_${`${marker}${secret}${'A'.repeat(44)}`.slice(0, 44)}`,
      },
    });
    const group = await call('POST', '/groups', {
      level: 'district',
      district: '751210000',
      names: { kk: `${marker} аудандық топ`, ru: `${marker} районная группа` },
      members: [member('first')],
    });
    await call(
      'PUT',
      `/groups/${group.id}`,
      { names: { kk: `${marker} жаңа атау`, ru: `${marker} новое имя` }, members: [member('second')] },
      { ...admin, 'if-match': '"1"' },
    );
    const event = f.caseEvent('case.follow-up-due.v1', 'case-privacy-1');
    await f.publish(event);
    const [alert] = await eventually(async () => {
      const found = await f.inboxFor(districtGroupId, await f.districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    await call(
      'POST',
      `/alerts/${alert?.alertId}/acknowledge`,
      { note: `${marker} is on it` },
      await f.districtMember(),
    );

    const document = (await f.service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(plants.unplanted(document)).toEqual([]);
    expect(log.text()).toContain(alert?.alertId); // the log was captured, and is about this alert
    expect(log.text()).not.toContain(marker);
  });
});
