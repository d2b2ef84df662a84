// Alerts on the commit log (DESIGN.md §4): each alert is a stream whose commits hold its state and
// the `alerts` events it caused; the relay publishes them. A group has one open alert per matter:
// its id derives from (matter, group, generation), so two instances raising the same matter's
// alert at once collide on the first commit, and every lookup of a matter's alerts leads with the
// indexed `matterKey` (ADR 0016). The read model keeps the unique index on (sourceEventId,
// groupId): one source event raises at most one alert per group.

import { addDays, startOfDay } from '@kelisim/contracts/calendar';
import {
  type AlertSeverity,
  type AlertStatus,
  alertSeverities,
  alertStatuses,
} from '@kelisim/contracts/reference/alert-vocabulary';
import { CommitLog, type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import { keysetPage } from '@kelisim/service-kit/keyset-page';
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { type AlertState, type Decision, upgradeAlert } from '../domain/alert.ts';

export type StoredAlert = Current<AlertState>;

/** `groupIds: null` is every group (administrators). `from`/`to`: inclusive raise dates (UTC). */
export type InboxFilter = {
  groupIds: readonly string[] | null;
  severity?: string;
  status?: AlertStatus;
  region?: string;
  district?: string;
  from?: string;
  to?: string;
};

type ChainDocument = { _id: string; acknowledgedAt: Date };
type ClaimDocument = { _id: string; leaseUntil: Date };

const openStatuses: AlertStatus[] = ['raised', 'delivered', 'read'];

export type Cursor = { raisedAt: Date; id: string };

export class AlertsStore {
  readonly log: CommitLog<AlertState>;
  readonly alerts: Collection<StoredAlert>;
  private readonly chains: Collection<ChainDocument>;
  private readonly claims: Collection<ClaimDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<AlertState>(connection, 'alerts');
    this.alerts = nativeCollection<StoredAlert>(connection, 'alerts');
    this.chains = nativeCollection<ChainDocument>(connection, 'alert_chains_acknowledged');
    this.claims = nativeCollection<ClaimDocument>(connection, 'escalation_claims');
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.alerts.createIndex({ sourceEventId: 1, groupId: 1 }, { unique: true });
    // The inbox's keys, each ending in its order (raisedAt, _id).
    for (const field of ['groupId', 'status', 'region', 'district']) {
      await this.alerts.createIndex({ [field]: 1, raisedAt: -1, _id: -1 });
    }
    await this.alerts.createIndex({ status: 1, acknowledgeBy: 1 });
    await this.alerts.createIndex({ chainId: 1 });
    await this.alerts.createIndex({ sourceSubject: 1 });
    await this.alerts.createIndex({ matterKey: 1, groupId: 1 });
  }

  async get(alertId: string): Promise<StoredAlert | null> {
    const found = (await this.alerts.findOne({ _id: alertId })) as StoredAlert | null;
    return found && upgradeAlert(found);
  }

  /**
   * The alert, its read model repaired from its commit if a crash came between the two: an event
   * redelivered after such a crash finds the commit but no alert, and would fail until its retries
   * ran out and it was dead-lettered.
   */
  async getRepaired(alertId: string): Promise<StoredAlert | null> {
    const found = (await this.log.loadRepaired(alertId)) as StoredAlert | null;
    return found && upgradeAlert(found);
  }

  /** Commits a new alert; null when the group already has the alert for this source event. */
  async raise(decision: Decision): Promise<StoredAlert | null> {
    try {
      await this.log.append({
        streamId: decision.state.alertId,
        expectedVersion: 0,
        events: decision.events,
        state: decision.state,
        now: decision.state.raisedAt,
      });
    } catch (error) {
      if (error instanceof VersionConflictError) return null;
      throw error;
    }
    return { ...decision.state, _id: decision.state.alertId, version: 1 };
  }

  /**
   * Newest first, keyset-paginated on (raisedAt, id): one query per group (the kit's keyset page),
   * each led by an equality an index answers. Every group's alerts, unless filtered on a key, are
   * read status by status for the same reason: a top-level `$in` or no filter at all is a scan on
   * FerretDB (issue 21).
   */
  async inbox(filter: InboxFilter, limit: number, after: Cursor | null): Promise<StoredAlert[]> {
    const where: Record<string, unknown> = {};
    if (filter.severity) where.severity = filter.severity;
    if (filter.status) where.status = filter.status;
    if (filter.region) where.region = filter.region;
    if (filter.district) where.district = filter.district;
    if (filter.from || filter.to) {
      // Kazakhstan's days: from the instant `from` begins there to the instant after `to` ends.
      where.raisedAt = {
        ...(filter.from ? { $gte: startOfDay(filter.from) } : {}),
        ...(filter.to ? { $lt: startOfDay(addDays(filter.to, 1)) } : {}),
      };
    }
    const keyed = ['status', 'region', 'district'].some((key) => key in where);
    const branches = filter.groupIds
      ? filter.groupIds.map((groupId) => ({ groupId }))
      : keyed
        ? [{}]
        : alertStatuses.map((status) => ({ status }));
    const page = (await keysetPage(this.alerts, {
      branches,
      where,
      order: { field: 'raisedAt', direction: -1 },
      after: after && [after.raisedAt, after.id],
      limit,
    })) as StoredAlert[];
    return page.map(upgradeAlert);
  }

  /** Every alert the group has had about the matter, each generation, oldest first. */
  async ofMatterForGroup(matterKey: string, groupId: string): Promise<StoredAlert[]> {
    const found = (await this.alerts.find({ matterKey, groupId }).limit(100).toArray()) as StoredAlert[];
    return found.sort((a, b) => a.generation - b.generation);
  }

  /** The matter's alerts in every group that are not resolved. */
  async openOfMatter(matterKey: string): Promise<StoredAlert[]> {
    const found = (await this.alerts.find({ matterKey }).limit(500).toArray()) as StoredAlert[];
    return found.filter((alert) => alert.status !== 'resolved');
  }

  /**
   * An acknowledgement in the chain at `severity`: it stops the chain's alerts of that severity
   * or below from escalating (a later rise above it asks again). Resolving marks it `critical`.
   */
  async markChainAcknowledged(chainId: string, severity: AlertSeverity, now: Date): Promise<void> {
    await this.chains.updateOne(
      { _id: `${chainId}|${severity}` },
      { $setOnInsert: { acknowledgedAt: now } },
      { upsert: true },
    );
  }

  /** Whether the chain was acknowledged at `severity` or above (a bare chain id: at every severity). */
  async isChainAcknowledged(chainId: string, severity: AlertSeverity): Promise<boolean> {
    const atOrAbove = alertSeverities.values.filter(
      (s) => alertSeverities.rank(s) >= alertSeverities.rank(severity),
    );
    const ids = [chainId, ...atOrAbove.map((s) => `${chainId}|${s}`)];
    return (await this.chains.countDocuments({ _id: { $in: ids } })) > 0;
  }

  /**
   * Open alerts past their deadline that have not escalated yet, oldest deadline first: one query
   * per open status, each led by it (an index's leading key), merged.
   */
  async pastDeadline(now: Date, limit: number): Promise<StoredAlert[]> {
    const found = await Promise.all(
      openStatuses.map((status) =>
        this.alerts
          .find({
            status,
            escalatedAt: null,
            groupLevel: { $ne: 'republican' },
            acknowledgeBy: { $lte: now },
          })
          .sort({ acknowledgeBy: 1 })
          .limit(limit)
          .toArray(),
      ),
    );
    return (found.flat() as StoredAlert[])
      .map(upgradeAlert)
      .sort((a, b) => a.acknowledgeBy.getTime() - b.acknowledgeBy.getTime())
      .slice(0, limit);
  }

  /**
   * Open alerts past their deadline by severity (the metrics' gauge): one query per open status,
   * each led by it, reading two fields of each.
   */
  async overdueBySeverity(now: Date): Promise<Map<AlertSeverity, number>> {
    const found = await Promise.all(
      openStatuses.map((status) =>
        this.alerts
          .find({ status, acknowledgeBy: { $lte: now } }, { projection: { _id: 0, severity: 1 } })
          .toArray(),
      ),
    );
    const counts = new Map<AlertSeverity, number>();
    for (const { severity } of found.flat()) counts.set(severity, (counts.get(severity) ?? 0) + 1);
    return counts;
  }

  /**
   * A lease on escalating one alert, so that of several sweeping instances one does the work;
   * it expires, so a crashed instance's alert is picked up again.
   */
  async claimEscalation(alertId: string, now: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.claims.insertOne({ _id: alertId, leaseUntil });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const taken = await this.claims.findOneAndUpdate(
      { _id: alertId, leaseUntil: { $lte: now } },
      { $set: { leaseUntil } },
    );
    return taken !== null;
  }
}
