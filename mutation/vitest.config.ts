import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

/**
 * Quickest test files first. Stryker stops a mutant's run at its first failing test, and vitest's own
 * order runs the slowest first, so a mutant the quick unit tests kill would still wait for the
 * differential tests (over 10 s each) before them.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const cost = (file: TestSpecification): number => {
      const key = `${file.project.name}:${relative(config.root, file.moduleId)}`;
      return cache.getFileTestResults(key)?.duration ?? cache.getFileStats(key)?.size ?? 0;
    };
    return [...files].sort((a, b) => cost(a) - cost(b));
  }
}

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
    exclude: [
      // 25 s on the real clock for each mutant it covers; portal.test.ts's fake-clock storm test covers the same.
      'test/services/portalRateLimit.test.ts',
      // Over 20 s instrumented for each editor mutant; it tests the stack, which no mutant changes.
      'test/services/awsFiles/iniEditor.large.test.ts',
    ],
    sequence: { sequencer: QuickestFirst },
  },
});
