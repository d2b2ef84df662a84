// The consumers of the families the rules name (cases, monitoring, mediators): one consumer group
// for the service, started through the kit's runner (dedupe by event id, retries, dead letters).
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { type EventHandler, type RunningConsumer, startConsumer } from '@kelisim/service-kit/consumer';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { onCaseClosed } from './case-closed.ts';
import { onCaseEscalated } from './case-escalated.ts';
import { onCaseFollowUpDue } from './case-follow-up-due.ts';
import { onCaseRegistered } from './case-registered.ts';
import { onCaseWithdrawn } from './case-withdrawn.ts';
import { onCertificationExpired } from './certification-expired.ts';
import { onCertificationExpiring } from './certification-expiring.ts';
import { onMediatorRegistered } from './mediator-registered.ts';
import { onMediatorUpdated } from './mediator-updated.ts';
import type { AlertingDeps } from './raise-alerts.ts';
import { onRecommendationCompleted } from './recommendation-completed.ts';
import { onRecommendationOverdue } from './recommendation-overdue.ts';
import { onRegionRiskChanged } from './region-risk-changed.ts';

export function alertingHandlers(deps: AlertingDeps): Record<string, EventHandler> {
  return {
    'case.registered.v1': onCaseRegistered(deps),
    'case.escalated.v1': onCaseEscalated(deps),
    'case.follow-up-due.v1': onCaseFollowUpDue(deps),
    'region.risk-changed.v1': onRegionRiskChanged(deps),
    'recommendation.overdue.v1': onRecommendationOverdue(deps),
    'certification.expiring.v1': onCertificationExpiring(deps),
    'certification.expired.v1': onCertificationExpired(deps),
    'case.closed.v1': onCaseClosed(deps),
    'case.withdrawn.v1': onCaseWithdrawn(deps),
    'recommendation.completed.v1': onRecommendationCompleted(deps),
    'mediator.registered.v1': onMediatorRegistered(deps.mediators),
    'mediator.updated.v1': onMediatorUpdated(deps.mediators),
  };
}

export type ConsumerDeps = {
  kafka: Kafka;
  producer: Producer;
  connection: Connection;
  logger: Logger;
  topicPrefix: string;
  groupId: string;
  alerting: AlertingDeps;
  retryBaseMs?: number;
};

export function startAlertingConsumer(deps: ConsumerDeps): Promise<RunningConsumer> {
  return startConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId,
    topics: (['cases', 'monitoring', 'mediators'] as const).map((family) =>
      topicName(deps.topicPrefix, family),
    ),
    handlers: alertingHandlers(deps.alerting),
    parse: parseEnvelope,
    deadLetterTopicOf: (topic) => `${topic}.dlq`,
    connection: deps.connection,
    producer: deps.producer,
    logger: deps.logger,
    ...(deps.retryBaseMs === undefined ? {} : { retryBaseMs: deps.retryBaseMs }),
  });
}
