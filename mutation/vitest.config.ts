import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

/**
 * The tests Stryker runs against each mutant: those that load the source in-process. Tests that run the
 * built dist/cli.js (test/cli, test/e2e) never see a mutant, so they could only slow every run down.
 */
export default defineConfig({
  test: {
    ...base.test,
    // run.mjs narrows the set for some modules (MUTATION_TESTS, comma-separated); see TESTS there.
    include: process.env.MUTATION_TESTS
      ? process.env.MUTATION_TESTS.split(',')
      : ['test/services/**/*.test.ts', 'test/commands/**/*.test.ts'],
    // 25 s on the real clock for each mutant it covers; portal.test.ts's fake-clock storm test covers the same.
    exclude: ['test/services/portalRateLimit.test.ts'],
  },
});
