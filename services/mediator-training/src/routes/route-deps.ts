// What every route module gets from buildApp: the stores to read, the commands to write through,
// the cipher for personal data, and the clock and ids a decision is made with.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { Stores } from '../store/stores.ts';
import type { TrainingCommands } from '../store/training-commands.ts';

export type RouteDeps = {
  stores: Stores;
  commands: TrainingCommands;
  cipher: FieldCipher;
  clock: () => Date;
  newId: () => string;
};
