// Gets a raised alert to its group's members on every channel they have. The inbox is written
// with the alert itself (domain/alert.ts); webhooks and e-mails are recorded in the delivery log
// first, then attempted in the background, each on its own: a slow or failing receiver delays
// nobody else, and a failed attempt waits for the retry job with exponential backoff.
import { newEventId } from '@kelisim/contracts/envelope';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { inSpan } from '@kelisim/service-kit/trace-context';
import type { Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { type AlertState, type Decision, recordDelivery } from '../domain/alert.ts';
import { type AlertMessage, readerOf, renderAlert } from '../domain/alert-message.ts';
import type { Group } from '../domain/groups.ts';
import { type BackoffPolicy, nextAttemptAt } from '../domain/retry-backoff.ts';
import type { UserDirectory } from '../people/keycloak-users.ts';
import { type AlertRunner, alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { AlertsStore, StoredAlert } from '../store/alerts-store.ts';
import type { DeliveriesStore, DeliveryRecord, OutboundChannel } from '../store/deliveries-store.ts';
import type { GroupsStore } from '../store/groups-store.ts';
import type { EmailSender } from './email-sender.ts';
import { type SendResult, sendWebhook } from './webhook-sender.ts';

export type DispatcherDeps = {
  alerts: AlertsStore;
  deliveries: DeliveriesStore;
  groups: GroupsStore;
  /** The realm's users: an e-mail goes to the address on the member's account. */
  users: UserDirectory;
  email: EmailSender;
  policy: BackoffPolicy;
  webhookTimeoutMs: number;
  /** Messages link each alert's matter in the console at this origin. */
  consoleUrl: string;
  logger: Logger;
  /** Called after every commit: wakes the relay. */
  committed: () => void;
  clock: () => Date;
};

/** A claimed attempt is not taken by another instance for this long. */
const attemptLeaseMs = 60_000;

export class Dispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  private readonly runner: AlertRunner;

  constructor(private readonly deps: DispatcherDeps) {
    this.runner = alertRunner(deps.alerts, deps.committed);
  }

  /** Commits the alert (if the group does not have it yet) and queues its outbound deliveries. */
  async raise(decision: Decision, group: Group): Promise<StoredAlert | null> {
    const raised = await this.deps.alerts.raise(decision);
    if (raised) this.deps.committed();
    // Also when it already existed: a crash after the commit must not lose the deliveries.
    // Committed but not in the read model (a crash between the two) is repaired here.
    const alert = raised ?? (await this.deps.alerts.getRepaired(decision.state.alertId));
    if (!alert) throw new Error(`alert ${decision.state.alertId} is neither committed nor projected`);
    await this.queue(alert, group);
    return raised;
  }

  /** A rise in the alert's severity: its outbound channels hear of it again, once per severity. */
  async renotify(alert: StoredAlert, group: Group): Promise<void> {
    await this.queue(alert, group, alert.severity);
  }

  private async queue(alert: StoredAlert, group: Group, round?: string): Promise<void> {
    const targets: { channel: OutboundChannel; recipientId: string }[] = [];
    for (const member of group.members) {
      if (member.webhook) targets.push({ channel: 'webhook', recipientId: member.userId });
      if (member.email) targets.push({ channel: 'email', recipientId: member.userId });
    }
    if (targets.length === 0) return;
    const ids = await this.deps.deliveries.enqueue(
      alert.alertId,
      group.id,
      targets,
      this.deps.clock(),
      round,
    );
    for (const id of ids) this.track(this.attempt(id));
  }

  /** Retries what is due; the delivery-retry job calls it. */
  async retryDue(limit = 50): Promise<number> {
    const due = await this.deps.deliveries.due(this.deps.clock(), limit);
    await Promise.all(due.map((record) => this.attempt(record._id)));
    return due.length;
  }

  /** Resolves when the background attempts started so far have finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** One attempt, in a span of the alert's trace (of the event that raised it; none for a retry). */
  async attempt(id: string): Promise<void> {
    await inSpan('deliver', { 'kelisim.delivery.id': id }, (span) => this.tryOnce(id, span));
  }

  private async tryOnce(id: string, span: Span): Promise<void> {
    const { deliveries, logger } = this.deps;
    try {
      const record = await deliveries.claim(id, this.deps.clock(), attemptLeaseMs);
      if (!record) return;
      span.updateName(`deliver ${record.channel}`);
      const result = await this.send(record);
      span.setAttribute('kelisim.delivery.ok', result.ok);
      const now = this.deps.clock();
      const attempts = record.attempts + 1;
      const next = result.ok ? null : nextAttemptAt(attempts, now, this.deps.policy);
      const status = result.ok ? 'delivered' : next ? 'pending' : 'failed';
      await deliveries.recordAttempt(
        id,
        { at: now, ok: result.ok, detail: result.detail },
        { status, nextAttemptAt: next ?? now },
      );
      const log = {
        alertId: record.alertId,
        channel: record.channel,
        attempt: attempts,
        detail: result.detail,
      };
      if (!result.ok) {
        logger.warn({ ...log, willRetry: next !== null }, 'delivery failed');
        return;
      }
      await this.runner.run({
        id: record.alertId,
        now,
        decide: (state) =>
          orUnchanged(
            state,
            recordDelivery(
              state,
              { channel: record.channel, recipientId: record.recipientId, attempt: attempts },
              this.context(state),
            ),
          ),
      });
      logger.info(log, 'delivered');
    } catch (error) {
      // The record stays pending under its lease; the retry job tries again after it.
      logger.error({ err: error, deliveryId: id }, 'delivery attempt crashed');
    }
  }

  private context(state: AlertState): DecisionContext {
    return {
      now: this.deps.clock(),
      newId: newEventId,
      correlationId: state.chainId,
      causationId: state.sourceEventId,
      actor: 'system:delivery',
    };
  }

  private async send(record: DeliveryRecord): Promise<SendResult> {
    const [alert, group] = await Promise.all([
      this.deps.alerts.get(record.alertId),
      this.deps.groups.get(record.groupId),
    ]);
    const member = group?.members.find((m) => m.userId === record.recipientId);
    if (!alert || !member) return { ok: false, detail: 'recipient no longer in the group' };
    const message = renderAlert(alert, readerOf(member), this.deps.consoleUrl);
    if (record.channel === 'email') {
      if (!member.email) return { ok: false, detail: 'member turned e-mail off' };
      // The address is read from the user's account for this one send: never stored or logged.
      const address = await this.deps.users.emailOf(member.userId);
      if (!address) return { ok: false, detail: 'no e-mail address on the account' };
      return this.deps.email.send(address, message, member.language);
    }
    if (!member.webhook) return { ok: false, detail: 'member has no webhook' };
    return sendWebhook(
      member.webhook,
      record._id,
      webhookPayload(alert, message, member.language, this.deps.consoleUrl),
      this.deps.clock(),
      this.deps.webhookTimeoutMs,
    );
  }
}

function webhookPayload(alert: StoredAlert, message: AlertMessage, language: string, consoleUrl: string) {
  return {
    alertId: alert.alertId,
    chainId: alert.chainId,
    groupId: alert.groupId,
    groupLevel: alert.groupLevel,
    severity: alert.severity,
    status: alert.status,
    region: alert.region,
    district: alert.district,
    sourceEventId: alert.sourceEventId,
    sourceType: alert.sourceType,
    sourceSubject: alert.sourceSubject,
    escalationLevel: alert.escalationLevel,
    raisedAt: alert.raisedAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy.toISOString(),
    language,
    subject: message.subject,
    text: message.text,
    link: `${consoleUrl.replace(/\/+$/, '')}${message.path}`,
  };
}
