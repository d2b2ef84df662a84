// Every store of the service over one connection, made once in main.ts (or a test) and passed down.
import { PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import type { Connection } from 'mongoose';
import { CaseSignalStore } from './case-signal-store.ts';
import { CaseTrendStore } from './case-trend-store.ts';
import { IndicatorStore } from './indicator-store.ts';
import { RecommendationStore } from './recommendation-store.ts';
import { RiskStore } from './risk-store.ts';
import { VisitStore } from './visit-store.ts';

export type Stores = {
  visits: VisitStore;
  recommendations: RecommendationStore;
  indicators: IndicatorStore;
  risks: RiskStore;
  caseSignals: CaseSignalStore;
  caseTrends: CaseTrendStore;
  /** The partner directory's read model (issue 27), fed from mediator-training's events. */
  partners: PartnerReadModel;
  /** The connection they share: the kit's creations keep their Idempotency-Keys on it. */
  connection: Connection;
};

export function createStores(connection: Connection): Stores {
  return {
    visits: new VisitStore(connection),
    recommendations: new RecommendationStore(connection),
    indicators: new IndicatorStore(connection),
    risks: new RiskStore(connection),
    caseSignals: new CaseSignalStore(connection),
    caseTrends: new CaseTrendStore(connection),
    partners: new PartnerReadModel(connection),
    connection,
  };
}

/** Indexes, then the default indicator catalogue: run at start, safe to run on every instance. */
export async function prepareStores(stores: Stores, now: Date): Promise<void> {
  await Promise.all([
    stores.visits.ensureIndexes(),
    stores.recommendations.ensureIndexes(),
    stores.indicators.ensureIndexes(),
    stores.risks.ensureIndexes(),
    stores.caseSignals.ensureIndexes(),
    stores.caseTrends.ensureIndexes(),
  ]);
  await stores.indicators.seedDefaults(now);
}

/** The commit logs the outbox relay publishes from. */
export function commitLogsOf(stores: Stores) {
  return [stores.visits.log, stores.recommendations.log, stores.risks.log, stores.indicators.log];
}
