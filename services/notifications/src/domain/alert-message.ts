// What an alert says, in Kazakh or Russian, built from codes only (events carry no names or free
// text, so neither do the messages). Used by the e-mail and webhook channels and the inbox.
import { alertSeverities } from '@kelisim/contracts/reference/alert-vocabulary';
import { caseCategories } from '@kelisim/contracts/reference/case-vocabulary';
import { riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { AlertState } from './alert.ts';
import type { MemberLanguage } from './groups.ts';

export type AlertMessage = { subject: string; text: string };

type Parts = Pick<
  AlertState,
  'sourceType' | 'severity' | 'details' | 'acknowledgeBy' | 'escalationLevel' | 'alertId'
>;

const headlines: Record<string, Record<MemberLanguage, (d: AlertState['details']) => string>> = {
  'case.registered.v1': {
    kk: (d) => `Өте шұғыл іс тіркелді: ${d.caseNumber ?? ''}`,
    ru: (d) => `Зарегистрировано критическое дело: ${d.caseNumber ?? ''}`,
  },
  'case.escalated.v1': {
    kk: (d) => `Іс жоғары деңгейге берілді: ${d.caseNumber ?? ''}`,
    ru: (d) => `Дело эскалировано: ${d.caseNumber ?? ''}`,
  },
  'case.follow-up-due.v1': {
    kk: (d) => `Істі қайта тексеру мерзімі келді: ${d.caseNumber ?? ''}`,
    ru: (d) => `Наступил срок контроля по делу: ${d.caseNumber ?? ''}`,
  },
  'region.risk-changed.v1': {
    kk: (d) => `Өңірдің тәуекел деңгейі көтерілді: ${band(d.band, 'kk')}`,
    ru: (d) => `Уровень риска региона повысился: ${band(d.band, 'ru')}`,
  },
  'recommendation.overdue.v1': {
    kk: (d) => `Ұсыным мерзімі өтті (${d.daysOverdue ?? '?'} күн)`,
    ru: (d) => `Рекомендация просрочена (${d.daysOverdue ?? '?'} дн.)`,
  },
  'certification.expiring.v1': {
    kk: (d) => `Медиатор сертификатының мерзімі аяқталуда (${d.daysLeft ?? '?'} күн)`,
    ru: (d) => `Истекает сертификат медиатора (${d.daysLeft ?? '?'} дн.)`,
  },
  'certification.expired.v1': {
    kk: (d) => `Медиатор сертификатының мерзімі аяқталды (${d.validUntil ?? ''}): жаңа істер тағайындалмайды`,
    ru: (d) => `Сертификат медиатора истёк (${d.validUntil ?? ''}): новые дела не назначаются`,
  },
};

function band(value: unknown, language: MemberLanguage): string {
  return typeof value === 'string' && (riskBands.values as readonly string[]).includes(value)
    ? riskBands.label(value as (typeof riskBands.values)[number], language)
    : '';
}

function category(value: unknown, language: MemberLanguage): string | null {
  return typeof value === 'string' && (caseCategories.values as readonly string[]).includes(value)
    ? caseCategories.label(value as (typeof caseCategories.values)[number], language)
    : null;
}

export function renderAlert(alert: Parts, language: MemberLanguage): AlertMessage {
  const headline =
    headlines[alert.sourceType]?.[language](alert.details) ??
    (language === 'kk' ? `Хабарлама: ${alert.sourceType}` : `Оповещение: ${alert.sourceType}`);
  const severity = alertSeverities.label(alert.severity, language);
  const topic = category(alert.details.category, language);
  const deadline = alert.acknowledgeBy.toISOString();
  const lines =
    language === 'kk'
      ? [
          headline,
          `Маңыздылығы: ${severity}`,
          ...(topic ? [`Санаты: ${topic}`] : []),
          ...(alert.escalationLevel > 0
            ? [`Жоғары тұрған топқа берілді (деңгей ${alert.escalationLevel})`]
            : []),
          `Растау мерзімі: ${deadline}`,
          `Хабарлама: ${alert.alertId}`,
        ]
      : [
          headline,
          `Важность: ${severity}`,
          ...(topic ? [`Категория: ${topic}`] : []),
          ...(alert.escalationLevel > 0
            ? [`Передано вышестоящей группе (уровень ${alert.escalationLevel})`]
            : []),
          `Подтвердить до: ${deadline}`,
          `Оповещение: ${alert.alertId}`,
        ];
  const prefix = `[${severity.toUpperCase()}]`;
  return { subject: `${prefix} ${headline}`, text: lines.join('\n') };
}
