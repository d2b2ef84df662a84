// What the API answers for groups and alerts: webhook secrets never leave the service, and an
// alert says whether the caller has read it.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { renderAlert } from '../domain/alert-message.ts';
import type { Member } from '../domain/groups.ts';
import type { StoredAlert } from '../store/alerts-store.ts';
import type { StoredGroup } from '../store/groups-store.ts';

export function memberView(member: Member) {
  return {
    userId: member.userId,
    language: member.language,
    inbox: member.inbox,
    email: member.email,
    webhook: member.webhook ? { url: member.webhook.url, hasSecret: true } : null,
  };
}

export function groupView(group: StoredGroup) {
  return {
    id: group.id,
    level: group.level,
    region: group.region,
    district: group.district,
    parentId: group.parentId,
    names: group.names,
    members: group.members.map(memberView),
    version: group.version,
  };
}

export function alertView(alert: StoredAlert, viewer: string, cipher: FieldCipher) {
  return {
    alertId: alert.alertId,
    chainId: alert.chainId,
    groupId: alert.groupId,
    groupLevel: alert.groupLevel,
    region: alert.region,
    district: alert.district,
    severity: alert.severity,
    status: alert.status,
    read: alert.readBy.includes(viewer),
    readBy: alert.readBy,
    sourceEventId: alert.sourceEventId,
    sourceType: alert.sourceType,
    sourceSubject: alert.sourceSubject,
    details: alert.details,
    escalationLevel: alert.escalationLevel,
    raisedAt: alert.raisedAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy.toISOString(),
    delivered: alert.delivered,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgeNote: alert.acknowledgeNote ? cipher.decrypt(alert.acknowledgeNote) : null,
    escalatedToAlertId: alert.escalatedToAlertId,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolution: alert.resolution,
    message: { kk: renderAlert(alert, 'kk'), ru: renderAlert(alert, 'ru') },
    version: alert.version,
  };
}
