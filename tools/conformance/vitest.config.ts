// The kit's shared configuration, by relative path: vitest loads its config before workspace
// package resolution works for TypeScript sources. One file at a time: the overload test measures
// what a service sustains, which a schemathesis run beside it would halve.
import { mergeConfig } from 'vitest/config';
import { kelisimVitestConfig } from '../../packages/service-kit/src/testing/vitest-config.ts';

export default mergeConfig(kelisimVitestConfig(), { test: { fileParallelism: false } });
