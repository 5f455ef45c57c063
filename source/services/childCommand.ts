import { spawn, type ChildProcess } from 'node:child_process';
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
  let child: ChildProcess | undefined;
  const ours = new Map<NodeJS.Signals, () => void>([
    ['SIGINT', () => {}],
    ...RELAYED.map((signal): [NodeJS.Signals, () => void] => [signal, () => void child?.kill(signal)]),
  ]);
  // Ours go in before the others come out, and the others back before ours leave: a signal never finds
  // no listener, which would be its default action (the end of this process, the child left running).
  const setAside = new Map<NodeJS.Signals, readonly unknown[]>();
  for (const [signal, listener] of ours) {
    setAside.set(signal, signals.listeners(signal));
    signals.on(signal, listener);
    for (const other of setAside.get(signal) ?? []) signals.off(signal, other as () => void);
  }
  try {
    return await new Promise<number>((resolve, reject) => {
      child = spawn(command, [...args], { stdio: 'inherit', env: { ...env } });
      child.once('error', (error: NodeJS.ErrnoException) => reject(startError(command, error)));
      child.once('exit', (code, signal) => {
        if (signal) resolve(128 + (constants.signals[signal] ?? 0));
        else resolve(code ?? 1);
      });
    });
  } finally {
    for (const [signal, listener] of ours) {
      for (const other of setAside.get(signal) ?? []) signals.on(signal, other as () => void);
      signals.off(signal, listener);
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
