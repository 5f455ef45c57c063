import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CommandStartError, runChildCommand } from '../../source/services/childCommand.js';

function signalSource() {
  const emitter = new EventEmitter();
  return {
    on: (signal: NodeJS.Signals, listener: () => void) => emitter.on(signal, listener),
    off: (signal: NodeJS.Signals, listener: () => void) => emitter.off(signal, listener),
    listeners: (signal: NodeJS.Signals) => emitter.listeners(signal),
    emit: (signal: NodeJS.Signals) => emitter.emit(signal),
  };
}

const env = { PATH: process.env.PATH ?? '' };

describe('runChildCommand', () => {
  it('answers the exit code of the command', async () => {
    expect(await runChildCommand('sh', ['-c', 'exit 3'], env, signalSource())).toBe(3);
    expect(await runChildCommand('sh', ['-c', 'exit 0'], env, signalSource())).toBe(0);
  });

  it('answers 128 + n when signal n ends the command', async () => {
    expect(await runChildCommand('sh', ['-c', 'kill -KILL $$'], env, signalSource())).toBe(128 + 9);
  });

  it('relays SIGTERM and SIGHUP, ignores SIGINT, and puts the earlier listeners back', async () => {
    const signals = signalSource();
    const earlier = (): void => {};
    signals.on('SIGINT', earlier);
    const running = runChildCommand('sleep', ['30'], env, signals);
    expect(signals.listeners('SIGINT')).not.toContain(earlier);
    signals.emit('SIGINT');
    signals.emit('SIGHUP');
    expect(await running).toBe(128 + 1);
    expect(signals.listeners('SIGINT')).toEqual([earlier]);
    expect(signals.listeners('SIGHUP')).toEqual([]);

    const terminated = runChildCommand('sleep', ['30'], env, signals);
    signals.emit('SIGTERM');
    expect(await terminated).toBe(128 + 15);
  });

  it('passes the environment it is given, and only that', async () => {
    const out = await runChildCommand(
      'sh',
      ['-c', 'test "$ONLY" = yes && test -z "$HOME_NOT_PASSED"'],
      { ...env, ONLY: 'yes' },
      signalSource(),
    );
    expect(out).toBe(0);
  });

  it('says a missing command cannot be run, with the shell exit code 127', async () => {
    const failure = runChildCommand('sso-tui-no-such-command', [], env, signalSource());
    await expect(failure).rejects.toBeInstanceOf(CommandStartError);
    await expect(failure).rejects.toMatchObject({ exitCode: 127 });
  });
});
