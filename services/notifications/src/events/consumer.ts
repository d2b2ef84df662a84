// What notifications consumes: the events the rules name (cases, monitoring, mediators), each
// raising or updating alerts, the events that end a matter, resolving its alerts, and the mediators' profiles for their home regions. Topics, group
// and dead-letter topics are the kit's (service-consumer.ts).
import { defineConsumer } from '@kelisim/service-kit/service-consumer';
import { onCaseEscalated } from './case-escalated.ts';
import { onCaseFollowUpDue } from './case-follow-up-due.ts';
import { onCaseUrgency } from './case-urgency.ts';
import { onCertificationExpired } from './certification-expired.ts';
import { onCertificationExpiring } from './certification-expiring.ts';
import { onMatterEnded } from './matter-ended.ts';
import { onMediatorRegistered } from './mediator-registered.ts';
import { onMediatorUpdated } from './mediator-updated.ts';
import type { AlertingDeps } from './raise-alerts.ts';
import { onRecommendationOverdue } from './recommendation-overdue.ts';
import { onRegionRiskChanged } from './region-risk-changed.ts';

export const notificationsConsumer = defineConsumer<AlertingDeps>({
  service: 'notifications',
  handlers: {
    'case.registered.v1': (deps) => onCaseUrgency(deps, 'case registered'),
    'case.escalated.v1': onCaseEscalated,
    'case.follow-up-due.v1': onCaseFollowUpDue,
    'region.risk-changed.v1': onRegionRiskChanged,
    'recommendation.overdue.v1': onRecommendationOverdue,
    'certification.expiring.v1': onCertificationExpiring,
    'certification.expired.v1': onCertificationExpired,
    'case.screened.v1': (deps) => onCaseUrgency(deps, 'case screened'),
    'case.closed.v1': onMatterEnded,
    'case.declined.v1': onMatterEnded,
    'case.referred-out.v1': onMatterEnded,
    'case.withdrawn.v1': onMatterEnded,
    'certification.renewed.v1': onMatterEnded,
    'certification.reinstated.v1': onMatterEnded,
    'recommendation.completed.v1': onMatterEnded,
    'mediator.registered.v1': onMediatorRegistered,
    'mediator.updated.v1': onMediatorUpdated,
  },
});
