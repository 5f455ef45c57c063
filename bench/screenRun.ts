import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { readFileSync } from 'node:fs';

export interface ScreenRun {
  /** Milliseconds from spawning the program to the first screen that satisfies `until`. */
  readonly elapsedMs: number;
  /** The process, still running; `stop` ends it. */
  readonly pid: number;
  /** Types into the terminal and waits for the screen to satisfy `until`; milliseconds from the keys. */
  type(keys: string, until: (screen: string) => boolean): Promise<number>;
  /** Waits for the screen to satisfy `until`, for at most `timeoutMs`. */
  waitFor(until: (screen: string) => boolean, timeoutMs: number): Promise<void>;
  /** Types into the terminal without waiting. */
  write(keys: string): void;
  /** Calls `listener` after every chunk of output the emulator has parsed; the returned function stops it. */
  watch(listener: (terminal: Terminal) => void): () => void;
  stop(): Promise<void>;
}

export type Terminal = InstanceType<typeof xterm.Terminal>;

const COLUMNS = 120;
const ROWS = 40;
/** Generous: a loaded machine is slow, but a program that never draws the list must not hang the bench. */
const TIMEOUT_MS = 30_000;

/**
 * Starts `command` in a pseudo-terminal, rebuilds its screen with xterm's headless emulator and resolves
 * when the screen first satisfies `until` (checked after every chunk of output the emulator has parsed).
 */
export async function startOnScreen(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  until: (screen: string) => boolean,
): Promise<ScreenRun> {
  const terminal = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
  const started = performance.now();
  const child = pty.spawn(command, [...args], { name: 'xterm-256color', cols: COLUMNS, rows: ROWS, env });
  let waiter: { until: (screen: string) => boolean; resolve: () => void } | undefined;
  const watchers = new Set<(terminal: Terminal) => void>();
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  child.onData((data) => {
    terminal.write(data, () => {
      for (const watcher of watchers) watcher(terminal);
      if (waiter?.until(screenText(terminal))) {
        const { resolve } = waiter;
        waiter = undefined;
        resolve();
      }
    });
  });
  const waitFor = (condition: (screen: string) => boolean, timeoutMs = TIMEOUT_MS): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (condition(screenText(terminal))) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        waiter = undefined;
        reject(new Error(`The screen never showed what was awaited:\n${screenText(terminal)}`));
      }, timeoutMs);
      waiter = {
        until: condition,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  const stop = async (): Promise<void> => {
    child.kill();
    await exited;
    terminal.dispose();
  };
  try {
    await Promise.race([
      waitFor(until),
      exited.then(() => {
        throw new Error(
          `${command} ended before the screen showed what was awaited:\n${screenText(terminal)}`,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const elapsedMs = performance.now() - started;
  return {
    elapsedMs,
    pid: child.pid,
    async type(keys, condition) {
      const typed = performance.now();
      const shown = waitFor(condition);
      child.write(keys);
      await shown;
      return performance.now() - typed;
    },
    waitFor,
    write(keys) {
      child.write(keys);
    },
    watch(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    stop,
  };
}

/** Milliseconds from spawning `command` in a pseudo-terminal to its exit. */
export function timeToExit(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const child = pty.spawn(command, [...args], { name: 'xterm-256color', cols: COLUMNS, rows: ROWS, env });
  return new Promise((resolve) => child.onExit(() => resolve(performance.now() - started)));
}

export function screenText(terminal: Terminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < terminal.rows; row++) {
    lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
  }
  return lines.join('\n');
}

/** Resident and peak resident memory of a process in MB, from /proc (Linux). */
export function residentMemory(pid: number): { residentMb: number; peakMb: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kilobytes = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { residentMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}
