// The alerts register's columns: what an alert is about and how it went, with its headline in
// Kazakh and Russian as the inbox shows it. An acknowledgement's note (free text) stays out.
import type { RegisterColumn } from '@kelisim/service-kit/exports/register-columns';
import { defaultTimeZone, renderAlert } from '../domain/alert-message.ts';
import type { StoredAlert } from '../store/alerts-store.ts';

export const exportPageSize = 500;

/** The inbox's filters and a page's position in it. */
export type InboxFilters = {
  cursor?: string | undefined;
  limit: number;
  severity?: StoredAlert['severity'] | undefined;
  status?: StoredAlert['status'] | undefined;
  region?: string | undefined;
  district?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

const headline = (language: 'kk' | 'ru') => (alert: StoredAlert) =>
  renderAlert(alert, { language, timeZone: defaultTimeZone }).headline;

const iso = (at: Date | null) => at?.toISOString() ?? null;

export const alertColumns: RegisterColumn<StoredAlert>[] = [
  { header: 'alertId', value: (a) => a.alertId, width: 38 },
  { header: 'groupId', value: (a) => a.groupId, width: 38 },
  { header: 'groupLevel', value: (a) => a.groupLevel },
  { header: 'region', value: (a) => a.region },
  { header: 'district', value: (a) => a.district },
  { header: 'severity', value: (a) => a.severity },
  { header: 'status', value: (a) => a.status },
  { header: 'sourceType', value: (a) => a.sourceType, width: 28 },
  { header: 'matterKind', value: (a) => a.matter.kind },
  { header: 'matterId', value: (a) => a.matter.id, width: 38 },
  { header: 'escalationLevel', value: (a) => a.escalationLevel },
  { header: 'raisedAt', value: (a) => a.raisedAt.toISOString(), width: 26 },
  { header: 'acknowledgeBy', value: (a) => a.acknowledgeBy.toISOString(), width: 26 },
  { header: 'acknowledgedBy', value: (a) => a.acknowledgedBy },
  { header: 'acknowledgedAt', value: (a) => iso(a.acknowledgedAt), width: 26 },
  { header: 'resolvedAt', value: (a) => iso(a.resolvedAt), width: 26 },
  { header: 'resolution', value: (a) => a.resolution },
  { header: 'headlineKk', value: headline('kk'), width: 60 },
  { header: 'headlineRu', value: headline('ru'), width: 60 },
];
