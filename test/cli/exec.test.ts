import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStage, type CliStage } from '../support/cliStage.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let stage: CliStage;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 3 });
  await stage.writeAwsCliToken();
});
afterAll(async () => {
  await stage.close();
});

const role = () => {
  const account = stage.simulator.organization.accounts[1]!;
  return ['--account', account.accountId, '--role', account.roles[0]!];
};

interface Running {
  readonly child: ReturnType<typeof spawn>;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves once stdout has shown `text`. */
  waitFor(text: string): Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built program as a shell would start it, so signals and exit codes are the real ones. */
function startCli(argv: readonly string[], extraEnv: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...argv], {
    env: { ...stage.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of waiters.filter((w) => out.includes(w.text))) waiter.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (text) =>
      out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })),
    exit,
  };
}

describe('sso-tui exec', () => {
  it("gives the command the role's credentials and region, and no profile to pick instead", async () => {
    const running = startCli(['exec', ...role(), '--aws-region', 'sa-east-1', '--', 'env'], {
      AWS_PROFILE: 'other',
      AWS_DEFAULT_PROFILE: 'other',
      AWS_REGION: 'us-east-1',
    });
    expect((await running.exit).code).toBe(0);
    const env = Object.fromEntries(
      running
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('AWS_'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const issued = stage.simulator.issuedCredentials().at(-1)!;
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
      AWS_SESSION_TOKEN: issued.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(issued.expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      AWS_REGION: 'sa-east-1',
      AWS_DEFAULT_REGION: 'sa-east-1',
    });
    expect(env).not.toHaveProperty('AWS_PROFILE');
    expect(env).not.toHaveProperty('AWS_DEFAULT_PROFILE');
  });

  it('passes the exit code through, and 128 + n when signal n ends the command', async () => {
    expect((await startCli(['exec', ...role(), '--', 'sh', '-c', 'exit 7']).exit).code).toBe(7);
    expect((await startCli(['exec', ...role(), '--', 'sh', '-c', 'kill -TERM $$']).exit).code).toBe(143);
    const missing = startCli(['exec', ...role(), '--', 'sso-tui-no-such-command']);
    expect((await missing.exit).code).toBe(127);
    expect(missing.stderr()).toContain('Could not run sso-tui-no-such-command: no such command.');
  });

  it('ignores SIGINT while the command runs and relays SIGTERM and SIGHUP to it', async () => {
    const script = 'trap "exit 42" TERM; trap "exit 43" HUP; echo ready; while :; do sleep 0.05; done';
    const terminated = startCli(['exec', ...role(), '--', 'sh', '-c', script]);
    await terminated.waitFor('ready');
    terminated.child.kill('SIGINT');
    terminated.child.kill('SIGTERM');
    expect(await terminated.exit).toEqual({ code: 42, signal: null });

    const hungUp = startCli(['exec', ...role(), '--', 'sh', '-c', script]);
    await hungUp.waitFor('ready');
    hungUp.child.kill('SIGHUP');
    expect(await hungUp.exit).toEqual({ code: 43, signal: null });
  });

  it('is a usage error without a command after --', async () => {
    for (const argv of [
      ['exec', ...role()],
      ['exec', ...role(), '--'],
    ]) {
      const running = startCli(argv);
      expect((await running.exit).code).toBe(2);
      expect(running.stderr()).toContain('needs a command to run after `--`');
    }
    const result = await stage.run(['list', '--', 'echo']);
    expect(result.code).toBe(2);
  });
});
