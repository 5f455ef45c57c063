import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Environment } from './endpoints.js';
import { UserError } from './errors.js';

/** The process whose signals are handled while the child runs; tests pass their own emitter. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
  listeners(signal: NodeJS.Signals): readonly unknown[];
}

/** CMD could not be started at all; `exitCode` is what a shell answers in that case (127, 126). */
export class CommandStartError extends UserError {
  override readonly name: string = 'CommandStartError';
  constructor(
    readonly command: string,
    readonly exitCode: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Could not run ${command}: ${reason}.`, undefined, options);
  }
}

/** Signals passed on to the child: whoever sends them means the whole job, the child included. */
const RELAYED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/**
 * Runs a command with the terminal's stdin, stdout and stderr and answers its exit code, or 128 + n when
 * a signal n ended it, as a shell reports it. Ctrl-C reaches the child by itself (same process group, same
 * terminal), so SIGINT is ignored here while it runs: the child decides whether it ends. SIGTERM and SIGHUP
 * sent to us alone are relayed to it. Whatever listened to those signals before is set aside meanwhile and
 * put back afterwards.
 */
export async function runChildCommand(
  command: string,
  args: readonly string[],
  env: Environment,
  signals: SignalSource,
): Promise<number> {
  const setAside = new Map<NodeJS.Signals, readonly unknown[]>();
  for (const signal of ['SIGINT', ...RELAYED] as NodeJS.Signals[]) {
    const listeners = signals.listeners(signal);
    setAside.set(signal, listeners);
    for (const listener of listeners) signals.off(signal, listener as () => void);
  }
  const ignore = (): void => {};
  signals.on('SIGINT', ignore);
  const relays = new Map<NodeJS.Signals, () => void>();
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(command, [...args], { stdio: 'inherit', env: { ...env } });
      for (const signal of RELAYED) {
        const relay = (): void => void child.kill(signal);
        relays.set(signal, relay);
        signals.on(signal, relay);
      }
      child.once('error', (error: NodeJS.ErrnoException) => reject(startError(command, error)));
      child.once('exit', (code, signal) => {
        if (signal) resolve(128 + (constants.signals[signal] ?? 0));
        else resolve(code ?? 1);
      });
    });
  } finally {
    signals.off('SIGINT', ignore);
    for (const [signal, relay] of relays) signals.off(signal, relay);
    for (const [signal, listeners] of setAside) {
      for (const listener of listeners) signals.on(signal, listener as () => void);
    }
  }
}

function startError(command: string, error: NodeJS.ErrnoException): CommandStartError {
  if (error.code === 'ENOENT')
    return new CommandStartError(command, 127, 'no such command', { cause: error });
  if (error.code === 'EACCES')
    return new CommandStartError(command, 126, 'permission denied', { cause: error });
  return new CommandStartError(command, 126, error.code ?? error.message, { cause: error });
}
