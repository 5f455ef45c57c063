import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built program: e2e tests run what users run. */
export const BUNDLE = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export { KEYS } from '../support/keys.js';

export const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

const DEFAULT_WAIT_MS = 10_000;

/** Long enough for a few program starts on a slow machine; a wait that fails says why well before. */
export const E2E_TEST_TIMEOUT = 60_000;

// Ink wraps each frame in these (synchronized output, DEC mode 2026) on a terminal.
const BEGIN_FRAME = '\u001B[?2026h';
const END_FRAME = '\u001B[?2026l';

/** Whether a chunk leaves a frame open, closes it, or neither. */
function frameState(chunk: string): 'opened' | 'closed' | 'unchanged' {
  const begin = chunk.lastIndexOf(BEGIN_FRAME);
  const end = chunk.lastIndexOf(END_FRAME);
  if (begin === end) return 'unchanged';
  return begin > end ? 'opened' : 'closed';
}

export interface RigOptions {
  readonly args?: readonly string[];
  /** What runs in the terminal instead of `node dist/cli.js ARGS` (tmux, which then runs the program). */
  readonly command?: readonly [string, ...string[]];
  /** The whole environment of the program: nothing leaks in from the test process. */
  readonly env: Record<string, string>;
  readonly cols?: number;
  readonly rows?: number;
  /**
   * Looked at every time the screen changes; a screen that matches is recorded as a violation (text that
   * scribbled over the UI), so a flash between two waits is caught too.
   */
  readonly forbidden?: RegExp;
}

export interface TerminalRig {
  /** Sends bytes as typed keys; one key per call where the program must see them apart. */
  write(keys: string): void;
  /** The screen as rebuilt by a headless xterm: one string per row, trailing blanks trimmed. */
  screenLines(): string[];
  screenText(): string;
  /** Everything the program wrote, escape sequences included. */
  rawOutput(): string;
  /** Resolves with the screen once it shows `text` (or matches it); rejects with the screen on timeout. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once `check` holds for the screen (a function of its lines). */
  waitForScreen(
    what: string,
    check: (lines: readonly string[]) => boolean,
    timeoutMs?: number,
  ): Promise<string>;
  /** The rows that continue the row above because the program wrote past the right edge. */
  wrappedRows(): number[];
  /** Resizes the pseudo-terminal (the program gets SIGWINCH) and the rebuilt screen alike. */
  resize(cols: number, rows: number): void;
  /** The screens that matched `forbidden`, each as it was. */
  readonly violations: readonly string[];
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Sends the program a signal, as `kill` or a closing terminal would. */
  signal(name: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): void;
  /** Kills the program if it still runs. */
  dispose(): void;
}

/**
 * The built program in a pseudo-terminal, with its screen rebuilt by @xterm/headless, after gemini-cli's
 * test rig: tests wait for what the screen shows, never for a time.
 */
export function startTerminal(options: RigOptions): TerminalRig {
  if (!existsSync(BUNDLE)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 40;
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const [file, ...args] = options.command ?? [process.execPath, BUNDLE, ...(options.args ?? [])];
  const pty: IPty = spawn(file, args, {
    // The terminal's TERM; a test may set another (dumb) in the environment.
    name: options.env.TERM ?? 'xterm-256color',
    cols,
    rows,
    cwd: options.env.HOME ?? process.cwd(),
    env: options.env,
  });
  const raw: string[] = [];
  const violations: string[] = [];
  const watchers = new Set<() => void>();
  let exitCode: number | undefined;
  let pending = 0;
  let midFrame = false;
  let carry = '';

  const screenLines = (): string[] => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return lines;
  };
  const screenText = (): string => screenLines().join('\n');
  const screenChanged = (): void => {
    if (options.forbidden?.test(screenText())) violations.push(screenText());
    for (const watcher of [...watchers]) watcher();
  };

  pty.onData((data) => {
    raw.push(data);
    pending++;
    // With the end of the last chunk, so a marker cut in two is still seen.
    const framing = frameState(carry + data);
    carry = data.slice(1 - END_FRAME.length);
    // xterm parses asynchronously; the callback is when the screen reflects this chunk.
    terminal.write(data, () => {
      pending--;
      if (framing !== 'unchanged') midFrame = framing === 'opened';
      // A frame split over several chunks is looked at whole, as a terminal that honours synchronized
      // output shows it.
      if (!midFrame) screenChanged();
    });
  });
  pty.onExit(({ exitCode: code }) => {
    // node-pty reports the exit once the output is drained; the parser may still hold the last chunks.
    exitCode = code;
    screenChanged();
  });

  /** Resolves with the screen at the first whole frame for which `holds` is true. */
  const waitForScreen = (
    what: string,
    holds: (lines: readonly string[]) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const lines = screenLines();
        let held: boolean;
        try {
          held = holds(lines);
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (!held) return;
        finish();
        resolve(lines.join('\n'));
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Gave up after ${timeoutMs} ms waiting for ${what}. The screen:\n${screenText()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      if (!midFrame || exitCode !== undefined) check();
    });

  return {
    write: (keys) => pty.write(keys),
    screenLines,
    screenText,
    rawOutput: () => raw.join(''),
    waitForText: (text, timeoutMs) =>
      waitForScreen(
        typeof text === 'string' ? JSON.stringify(text) : String(text),
        (lines) => {
          const screen = lines.join('\n');
          return typeof text === 'string' ? screen.includes(text) : text.test(screen);
        },
        timeoutMs,
      ),
    waitForScreen,
    wrappedRows() {
      const buffer = terminal.buffer.active;
      const rows: number[] = [];
      for (let row = 0; row < terminal.rows; row++) {
        if (buffer.getLine(buffer.viewportY + row)?.isWrapped) rows.push(row);
      }
      return rows;
    },
    resize(newCols, newRows) {
      pty.resize(newCols, newRows);
      terminal.resize(newCols, newRows);
    },
    violations,
    async waitForExit(timeoutMs = DEFAULT_WAIT_MS) {
      await waitForScreen('the program to exit', () => exitCode !== undefined && pending === 0, timeoutMs);
      return exitCode!;
    },
    signal(name) {
      pty.kill(name);
    },
    dispose() {
      if (exitCode === undefined) pty.kill();
      terminal.dispose();
    },
  };
}
