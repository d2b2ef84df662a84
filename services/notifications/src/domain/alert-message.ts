// What an alert says to one reader: in their language, with times in their time zone (Intl, the
// runtime's own ICU data), and a link to the matter in the console. No ISO timestamps and no
// internal ids in the text (issue 23): a case is named by its number, a territory by its name.
import { findDistrict, findRegion } from '@kelisim/contracts/reference/regions';
import type { AlertState } from './alert.ts';
import {
  categoryLabel,
  type DateText,
  happening,
  lineLabels,
  type MessageLanguage,
  reasonLabel,
  resolutionLabel,
  severityLabel,
  steps,
} from './alert-words.ts';
import { audienceOf } from './groups.ts';

export type { MessageLanguage } from './alert-words.ts';

export const defaultTimeZone = 'Asia/Almaty';

/** Who reads the message: their language and IANA time zone. */
export type Reader = { language: MessageLanguage; timeZone: string };

export type AlertMessage = {
  /** `[SEVERITY] headline`, for an e-mail's subject. */
  subject: string;
  /** What happened, in one line. */
  headline: string;
  text: string;
  /** The matter's place in the console, relative to its origin (`/#/cases/…`). */
  path: string;
  /** The alert's timeline in words, oldest first. */
  timeline: { at: Date; text: string }[];
};

/** One entry of an alert's timeline (domain/alert.ts): what happened and when, in codes. */
export type TimelineLine = {
  at: Date;
  /** An event about the matter (`raised`, `updated`) or a step of the alert itself. */
  what?: string;
  sourceType: string;
  /** `resolved`: why. Other steps' codes (group ids) are never shown. */
  code?: string | null;
  details?: AlertState['details'] | undefined;
};

type Parts = Pick<
  AlertState,
  'sourceType' | 'sourceSubject' | 'severity' | 'details' | 'acknowledgeBy' | 'escalationLevel' | 'raisedAt'
> & {
  region: string;
  district: string | null;
  /** The group the alert went to: a mediator's personal group links to their own page. */
  groupId?: string;
  timeline?: readonly TimelineLine[] | undefined;
};

/** A member's reader: their language, and their time zone when they chose one (Almaty otherwise). */
export function readerOf(member: { language: MessageLanguage; timeZone?: string | null }): Reader {
  return { language: member.language, timeZone: member.timeZone ?? defaultTimeZone };
}

const locales: Record<MessageLanguage, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** Times and calendar dates in the reader's language and time zone. */
export function readerClock(reader: Reader): { dateTime: (at: Date) => string; date: DateText } {
  const timeZone = knownZone(reader.timeZone) ? reader.timeZone : defaultTimeZone;
  const locale = locales[reader.language];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  // A calendar date is the same day everywhere: formatted at noon UTC in UTC.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    dateTime: (at) => dateTime.format(at),
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? date.format(new Date(`${iso}T12:00:00Z`)) : iso),
  };
}

function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Where the matter of an alert is in the console (the console's hash routes). */
export function consolePath(
  alert: Pick<Parts, 'sourceType' | 'sourceSubject' | 'details' | 'groupId'>,
): string {
  const family = alert.sourceType.split('.')[0];
  const id = encodeURIComponent(alert.sourceSubject);
  switch (family) {
    case 'case':
      return `/#/cases/${id}`;
    case 'visit':
      return `/#/visits/${id}`;
    case 'recommendation':
      // The console lists recommendations; one issued from a visit is shown on that visit's page.
      return typeof alert.details.visitId === 'string'
        ? `/#/visits/${encodeURIComponent(alert.details.visitId)}`
        : '/#/recommendations';
    case 'region':
      return '/#/risk';
    case 'certification':
      // The mediator's own certificate is on their home page; the coordinators keep the registry.
      return alert.groupId && audienceOf(alert.groupId)?.kind === 'person' ? '/#/cases' : '/#/training';
    default:
      return '/#/inbox';
  }
}

function entryText(
  entry: TimelineLine,
  alert: Pick<Parts, 'details'>,
  language: MessageLanguage,
  date: DateText,
): string {
  const step = steps[language];
  switch (entry.what) {
    case 'acknowledged':
      return step.acknowledged;
    case 'escalated':
      return step.escalated;
    case 'escalated_in':
      return step.escalatedIn;
    case 'resolved':
      return step.resolved(resolutionLabel(entry.code, language));
    default:
      return happening(entry.sourceType, entry.details ?? alert.details, language, date);
  }
}

function territoryName(alert: Pick<Parts, 'region' | 'district'>, language: MessageLanguage): string | null {
  const territory = (alert.district ? findDistrict(alert.district) : undefined) ?? findRegion(alert.region);
  return territory ? territory.names[language] : null;
}

/**
 * The alert for one reader. With `consoleUrl` the text ends with the link to the matter (e-mail,
 * webhook); without it (the console's own inbox) the path alone is given.
 */
export function renderAlert(alert: Parts, reader: Reader, consoleUrl?: string): AlertMessage {
  const { language } = reader;
  const words = lineLabels[language];
  const clock = readerClock(reader);
  const headline = happening(alert.sourceType, alert.details, language, clock.date);
  const severity = severityLabel(alert.severity, language);
  const category = categoryLabel(alert.details.category, language);
  const reason = reasonLabel(alert.details.reason, language);
  const territory = territoryName(alert, language);
  const timeline = (alert.timeline ?? []).map((entry) => ({
    at: entry.at,
    text: entryText(entry, alert, language, clock.date),
  }));
  const path = consolePath(alert);
  const lines = [
    headline,
    `${words.severity}: ${severity}`,
    ...(category ? [`${words.category}: ${category}`] : []),
    ...(reason ? [`${words.reason}: ${reason}`] : []),
    ...(territory ? [`${words.territory}: ${territory}`] : []),
    ...(alert.escalationLevel > 0 ? [words.escalated(alert.escalationLevel)] : []),
    ...(timeline.length > 1
      ? [`${words.timeline}:`, ...timeline.map((entry) => `- ${clock.dateTime(entry.at)}: ${entry.text}`)]
      : []),
    `${words.raised}: ${clock.dateTime(alert.raisedAt)}`,
    `${words.acknowledgeBy}: ${clock.dateTime(alert.acknowledgeBy)}`,
    ...(consoleUrl ? [`${words.open}: ${consoleUrl.replace(/\/+$/, '')}${path}`] : []),
  ];
  return {
    subject: `[${severity.toUpperCase()}] ${headline}`,
    headline,
    text: lines.join('\n'),
    path,
    timeline,
  };
}
