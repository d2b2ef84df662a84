// The service's writes from HTTP, through the kit's command pipeline: a runner per aggregate and
// creations with the one meaning of Idempotency-Key. Adding an indicator is the one creation
// under a name of the caller's choosing (its code), so it is not keyed.
import { Creations } from '@kelisim/service-kit/commands/creation';
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import { type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { addIndicator, type Indicator } from '../domain/indicators.ts';
import type { Recommendation } from '../domain/recommendation.ts';
import type { Visit } from '../domain/visit.ts';
import type { Stores } from './stores.ts';

function missing(what: string, message: string) {
  return () => new NotFoundError(message, { code: `${what}.not_found` });
}

export class MonitoringCommands {
  readonly visits: CommandRunner<Visit>;
  readonly recommendations: CommandRunner<Recommendation>;
  readonly indicators: CommandRunner<Indicator>;
  readonly newVisits: Creations<Visit>;
  readonly newRecommendations: Creations<Recommendation>;

  constructor(
    private readonly stores: Stores,
    relay: { wake(): void },
    newId: () => string,
  ) {
    this.visits = new CommandRunner(stores.visits.log, relay, {
      notFound: missing('visit', 'No such visit.'),
    });
    this.recommendations = new CommandRunner(stores.recommendations.log, relay, {
      notFound: missing('recommendation', 'No such recommendation.'),
    });
    this.indicators = new CommandRunner(stores.indicators.log, relay, {
      notFound: missing('indicator', 'No such indicator.'),
    });
    this.newVisits = new Creations(stores.connection, this.visits, newId);
    this.newRecommendations = new Creations(stores.connection, this.recommendations, newId);
  }

  /** Adds an indicator to the catalogue; one that exists (or was added a moment ago) is a 409. */
  async addIndicator(indicator: Indicator, now: Date): Promise<Current<Indicator>> {
    const created = addIndicator(await this.stores.indicators.load(indicator.code), indicator);
    try {
      return await this.indicators.append(created.code, 0, { state: created, events: [] }, now);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      // Added by another administrator since it was looked up: the domain's answer to one that exists.
      addIndicator(created, indicator);
      throw error;
    }
  }
}
