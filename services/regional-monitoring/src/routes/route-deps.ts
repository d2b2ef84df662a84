// What every route module gets from buildApp: the stores to read, the commands to write through,
// the cipher for sealed text, the clock and the risk window.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { MonitoringCommands } from '../store/monitoring-commands.ts';
import type { Stores } from '../store/stores.ts';

export type RouteDeps = {
  stores: Stores;
  commands: MonitoringCommands;
  cipher: FieldCipher;
  clock: () => Date;
  newId: () => string;
  windowDays: number;
};
