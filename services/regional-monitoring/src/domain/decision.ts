// What a decision of this service answers, and how it builds its events: by the kit, from the
// decision context its caller passes in (time, ids, the request or message it belongs to).
import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { eventBuilder } from '@kelisim/service-kit/commands/decision';

/** The next state and the events it causes, typed by event so that tests can read their data. */
export type Decision<S> = { state: S; events: KnownEvent[] };

/** An event of this service about `subject` (a visit, a recommendation, a region) in `region`. */
export const eventOf = eventBuilder('/services/regional-monitoring');
