import { cleanup, render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { withUnbrokenLines } from '../../source/ui/unbrokenRows.js';

export { KEYS } from '../support/keys.js';

// Every test file that renders through here has what it rendered unmounted after each test.
afterEach(cleanup);

export type Terminal = ReturnType<typeof renderTerminal>;

/** Renders into ink-testing-library's fake terminal, with waits on what the screen shows instead of sleeps. */
export function renderTerminal(tree: ReactElement) {
  const instance = render(tree);
  // The frame as the terminal gets it: unbroken lines (the sign-in URL) in place of their placeholders.
  const frame = (): string => withUnbrokenLines((instance.lastFrame() ?? '').split('\n')).join('\n');
  return {
    ...instance,
    frame,
    /** Waits until the screen shows `text` (or matches it), and returns the frame. */
    async waitFor(text: string | RegExp): Promise<string> {
      await vi.waitFor(
        () => {
          const current = frame();
          if (typeof text === 'string' ? !current.includes(text) : !text.test(current)) {
            throw new Error(`The screen does not show ${String(text)}:\n${current}`);
          }
        },
        { timeout: 3000, interval: 5 },
      );
      return frame();
    },
    /** Waits until the screen no longer shows `text`. */
    async waitForGone(text: string): Promise<string> {
      await vi.waitFor(
        () => {
          if (frame().includes(text)) throw new Error(`The screen still shows ${text}:\n${frame()}`);
        },
        { timeout: 3000, interval: 5 },
      );
      return frame();
    },
    press(...keys: string[]): void {
      for (const key of keys) instance.stdin.write(key);
    },
  };
}
