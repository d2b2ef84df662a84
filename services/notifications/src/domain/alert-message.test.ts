import { describe, expect, it } from 'vitest';
import { acknowledge, raiseAlert, updateAlert } from './alert.ts';
import { consolePath, readerOf, renderAlert } from './alert-message.ts';
import { districtGroup, mediatorGroupId } from './groups.ts';
import { defaultAckDeadlines } from './severity.ts';

// Almaty region (750000000) and its first district; 10:00 UTC is 15:00 in Almaty (UTC+5).
const escalated = {
  sourceType: 'case.escalated.v1',
  sourceSubject: '019a0000-0000-7000-8000-00000000c0de',
  severity: 'critical' as const,
  region: '750000000',
  district: null,
  details: {
    caseNumber: 'EM-2026-75-12',
    category: 'land_and_property',
    escalationLevel: 2,
    reason: 'violence_risk',
  },
  escalationLevel: 0,
  raisedAt: new Date('2026-03-01T10:00:00Z'),
  acknowledgeBy: new Date('2026-03-01T10:15:00Z'),
};
const almaty = (language: 'kk' | 'ru' | 'en') => ({ language, timeZone: 'Asia/Almaty' });
const consoleUrl = 'https://console.kelisim.kz/';
const isoTimestamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('an alert message', () => {
  it('in Kazakh, says what happened to which case, with Almaty times and a link to the case', () => {
    const { subject, text } = renderAlert(escalated, almaty('kk'), consoleUrl);
    expect(subject).toBe('[ӨТЕ ЖОҒАРЫ] EM-2026-75-12 ісі 2-деңгейге берілді');
    expect(text).toContain('Санаты: жер және мүлік');
    expect(text).toContain('Себебі: зорлық-зомбылық қаупі');
    expect(text).toContain('Аумақ: Алматы');
    expect(text).toContain('Түскені: 2026 ж. 1 наурыз, 15:00');
    expect(text).toContain('Растау мерзімі: 2026 ж. 1 наурыз, 15:15');
    expect(text).toContain(
      'Консольде ашу: https://console.kelisim.kz/#/cases/019a0000-0000-7000-8000-00000000c0de',
    );
  });

  it('in Russian, the same facts in Russian words and dates', () => {
    const { subject, text } = renderAlert(escalated, almaty('ru'), consoleUrl);
    expect(subject).toBe('[КРИТИЧЕСКИЙ] Дело EM-2026-75-12 передано на уровень 2');
    expect(text).toContain('Категория: земля и имущество');
    expect(text).toContain('Причина: риск насилия');
    expect(text).toContain('Поступило: 1 марта 2026 г. в 15:00');
    expect(text).toContain('Подтвердить до: 1 марта 2026 г. в 15:15');
    expect(text).toContain('Открыть в консоли: https://console.kelisim.kz/#/cases/');
  });

  it('in English, for a member who chose it', () => {
    const { subject, text } = renderAlert(escalated, almaty('en'), consoleUrl);
    expect(subject).toBe('[CRITICAL] Case EM-2026-75-12 escalated to level 2');
    expect(text).toContain('Category: land and property');
    expect(text).toContain('Acknowledge by: 1 March 2026 at 15:15');
  });

  it('carries no ISO timestamp and, apart from the link, no internal id', () => {
    for (const language of ['kk', 'ru', 'en'] as const) {
      const { subject, text } = renderAlert(escalated, almaty(language), consoleUrl);
      const words = text.split('\n').slice(0, -1).join('\n');
      expect(`${subject}\n${text}`).not.toMatch(isoTimestamp);
      expect(`${subject}\n${words}`).not.toMatch(uuid);
      expect(words).not.toMatch(/al-[0-9a-f]{10}/);
    }
  });

  it('shows times in the reader’s own time zone, Almaty when they chose none', () => {
    expect(readerOf({ language: 'ru' })).toEqual({ language: 'ru', timeZone: 'Asia/Almaty' });
    const { text } = renderAlert(escalated, { language: 'ru', timeZone: 'Europe/Moscow' });
    expect(text).toContain('Подтвердить до: 1 марта 2026 г. в 13:15');
    const unknownZone = renderAlert(escalated, { language: 'ru', timeZone: 'Mars/Olympus' });
    expect(unknownZone.text).toContain('Подтвердить до: 1 марта 2026 г. в 15:15');
  });

  it('without a console address (the inbox), gives the path and no link line', () => {
    const message = renderAlert(escalated, almaty('kk'));
    expect(message.path).toBe('/#/cases/019a0000-0000-7000-8000-00000000c0de');
    expect(message.text).not.toContain('Консольде ашу');
  });

  it('writes calendar dates of certificates and recommendations as dates in the reader’s language', () => {
    const expired = {
      ...escalated,
      sourceType: 'certification.expired.v1',
      sourceSubject: 'cert-1',
      severity: 'high' as const,
      details: { validUntil: '2026-03-31', mediatorId: 'med-1' },
    };
    expect(renderAlert(expired, almaty('kk')).headline).toBe(
      'Медиатор сертификатының мерзімі 2026 ж. 31 наурыз аяқталды: жаңа істер тағайындалмайды',
    );
    expect(renderAlert(expired, almaty('ru')).headline).toBe(
      'Сертификат медиатора истёк 31 марта 2026 г.: новые дела не назначаются',
    );
    const overdue = {
      ...escalated,
      sourceType: 'recommendation.overdue.v1',
      details: { daysOverdue: 3, dueDate: '2026-02-26' },
    };
    expect(renderAlert(overdue, almaty('ru')).headline).toBe(
      'Рекомендация просрочена (3 дн., срок 26 февраля 2026 г.)',
    );
  });

  it('lists the matter’s timeline, each entry at its local time', () => {
    const timeline = [
      { at: new Date('2026-03-01T04:00:00Z'), sourceType: 'case.registered.v1', details: escalated.details },
      {
        at: new Date('2026-03-01T10:00:00Z'),
        sourceType: 'case.escalated.v1',
        details: { ...escalated.details, escalationLevel: 1 },
      },
    ];
    const { text } = renderAlert({ ...escalated, timeline }, almaty('ru'));
    expect(text).toContain(
      [
        'Что произошло:',
        '- 1 марта 2026 г. в 09:00: Зарегистрировано критическое дело EM-2026-75-12',
        '- 1 марта 2026 г. в 15:00: Дело EM-2026-75-12 передано на уровень 1',
      ].join('\n'),
    );
  });

  it('a type without words of its own still reads as an alert, not as an event type', () => {
    const { headline } = renderAlert({ ...escalated, sourceType: 'case.unknown.v9' }, almaty('kk'));
    expect(headline).toBe('Жаңа хабарлама');
  });
});

describe('where an alert links to in the console', () => {
  const of = (sourceType: string, details: Record<string, string | null> = {}) =>
    consolePath({ sourceType, sourceSubject: 'x-1', details });
  it('a case alert to the case page, a recommendation to its visit or the list, a region to the map', () => {
    expect(of('case.follow-up-due.v1')).toBe('/#/cases/x-1');
    expect(of('recommendation.overdue.v1', { visitId: 'v-9' })).toBe('/#/visits/v-9');
    expect(of('recommendation.overdue.v1', { visitId: null })).toBe('/#/recommendations');
    expect(of('region.risk-changed.v1')).toBe('/#/risk');
    expect(of('certification.expiring.v1')).toBe('/#/training');
  });
  it('a certificate’s notice to the mediator personally to their own home, where their certificate is', () => {
    const personal = consolePath({
      sourceType: 'certification.expired.v1',
      sourceSubject: 'cert-1',
      details: {},
      groupId: mediatorGroupId('med-1'),
    });
    expect(personal).toBe('/#/cases');
  });
});

describe('the alert’s own steps on its timeline', () => {
  it('read as acknowledgement, escalation and resolution with its reason, never as a group id', () => {
    const at = new Date('2026-03-01T11:00:00Z');
    const timeline = [
      { at: escalated.raisedAt, what: 'raised', sourceType: 'case.escalated.v1', code: null },
      { at, what: 'escalated', sourceType: 'alert.escalated.v1', code: 'grp-750000000' },
      { at, what: 'acknowledged', sourceType: 'alert.acknowledged.v1', code: null },
      { at, what: 'resolved', sourceType: 'case.closed.v1', code: 'handled' },
    ];
    const ru = renderAlert({ ...escalated, timeline }, almaty('ru'));
    expect(ru.timeline.map((entry) => entry.text)).toEqual([
      'Дело EM-2026-75-12 передано на уровень 2',
      'Не подтверждено в срок: передано вышестоящей группе',
      'Подтверждено',
      'Закрыто: меры приняты',
    ]);
    expect(ru.text).not.toContain('grp-');
    const kk = renderAlert({ ...escalated, timeline }, almaty('kk'));
    expect(kk.timeline.at(-1)?.text).toBe('Жабылды: шаралар қабылданды');
    expect(renderAlert({ ...escalated, timeline }, almaty('en')).timeline.at(-1)?.text).toBe(
      'Resolved: handled',
    );
  });
});

describe('an alert its matter moved on', () => {
  it('reads as the matter’s story, each step at its Almaty time, in the reader’s language', () => {
    const group = districtGroup({
      kato: '193200000',
      regionKato: '190000000',
      names: { en: 'x', kk: 'x', ru: 'x' },
    });
    const ctx = (iso: string) => ({
      now: new Date(iso),
      actor: 'system:test',
      newId: () => '019a0000-0000-7000-8000-000000000099',
      correlationId: 'corr-1',
      causationId: null,
    });
    const escalation = (n: number, level: number) => ({
      source: {
        eventId: `019a0000-0000-7000-9000-00000000000${n}`,
        type: 'case.escalated.v1',
        subject: 'c-1',
      },
      details: { caseNumber: 'EM-2026-19-7', escalationLevel: level },
      region: '190000000',
      district: '193200000',
      escalationLevel: level,
    });
    const raised = raiseAlert(
      { group, severity: 'high', ...escalation(1, 1) },
      defaultAckDeadlines,
      ctx('2026-03-01T04:00:00Z'),
    ).state;
    const acked = acknowledge(raised, { userId: 'u-1', note: null }, ctx('2026-03-01T04:10:00Z')).state;
    const moved = updateAlert(
      acked,
      {
        key: '019a0000-0000-7000-9000-000000000002',
        occurredAt: new Date('2026-03-01T05:00:00Z'),
        severity: 'critical',
        ...escalation(2, 2),
      },
      defaultAckDeadlines,
      ctx('2026-03-01T05:00:00Z'),
    );
    const alert = moved?.state ?? acked;
    expect(renderAlert(alert, almaty('ru')).text).toContain(
      [
        'Что произошло:',
        '- 1 марта 2026 г. в 09:00: Дело EM-2026-19-7 передано на уровень 1',
        '- 1 марта 2026 г. в 09:10: Подтверждено',
        '- 1 марта 2026 г. в 10:00: Дело EM-2026-19-7 передано на уровень 2',
      ].join('\n'),
    );
    const kk = renderAlert(alert, almaty('kk'));
    expect(kk.subject).toBe('[ӨТЕ ЖОҒАРЫ] EM-2026-19-7 ісі 2-деңгейге берілді');
    expect(kk.timeline.map((entry) => entry.text)).toEqual([
      'EM-2026-19-7 ісі 1-деңгейге берілді',
      'Расталды',
      'EM-2026-19-7 ісі 2-деңгейге берілді',
    ]);
  });
});
