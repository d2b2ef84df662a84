// What the route modules get from buildApp. Its own module, so that app.ts imports the routes and
// the routes import nothing back.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { LiveFeed } from '../delivery/live-stream.ts';
import type { UserDirectory } from '../people/keycloak-users.ts';
import type { AlertsStore } from '../store/alerts-store.ts';
import type { DeliveriesStore } from '../store/deliveries-store.ts';
import type { GroupsStore } from '../store/groups-store.ts';
import type { PreferencesStore } from '../store/preferences-store.ts';
import type { RulesStore } from '../store/rules-store.ts';

export type RouteDeps = {
  groups: GroupsStore;
  /** The realm's users: group members are looked up there. */
  users: UserDirectory;
  preferences: PreferencesStore;
  rules: RulesStore;
  alerts: AlertsStore;
  deliveries: DeliveriesStore;
  feed: LiveFeed;
  /** Encrypts acknowledgement notes at rest. */
  cipher: FieldCipher;
  /** Called after every commit: wakes the relay. */
  committed: () => void;
  clock: () => Date;
  /** Milliseconds between SSE keep-alive comments. */
  heartbeatMs?: number;
};
