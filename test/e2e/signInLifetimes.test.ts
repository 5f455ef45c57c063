import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../source/simulator/index.js';
import { startE2eWorld, type E2eWorld } from './e2eWorld.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

/**
 * A working day in seconds: the simulator's lifetimes (access token, session, registration) are set per test
 * and the built program runs against them in real time. The waits below wait for a lifetime to run out,
 * which is the event under test.
 */
let world: E2eWorld | undefined;
let rig: TerminalRig | undefined;
afterEach(async () => {
  rig?.dispose();
  rig = undefined;
  await world?.close();
  world = undefined;
});

async function startWorld(options: SimulatorOptions): Promise<E2eWorld> {
  world = await startE2eWorld({ accounts: 3, ...options });
  return world;
}

/** Resolves once the wall clock has passed `moment` (and the second it was rounded to). */
async function until(moment: Date | number): Promise<void> {
  const wait = new Date(moment).getTime() + 1_000 - Date.now();
  if (wait > 0) await sleep(wait);
}

async function cachedToken(world: E2eWorld): Promise<Record<string, string>> {
  return JSON.parse(await readFile(world.tokenFile, 'utf8')) as Record<string, string>;
}

function envArgs(world: E2eWorld): string[] {
  const account = world.simulator.organization.accounts[0]!;
  return ['env', '--account', account.accountId, '--role', account.roles[0]!];
}

async function login(world: E2eWorld): Promise<void> {
  const result = await world.run(['login'], world.programEnv);
  expect(result.code).toBe(0);
}

/** `env` in a terminal, where a command may sign in; resolves with its exit code and what it wrote. */
async function envInTerminal(world: E2eWorld): Promise<{ code: number; output: string }> {
  rig = startTerminal({ args: envArgs(world), env: world.programEnv, cols: 200, rows: 60 });
  const code = await rig.waitForExit();
  return { code, output: rig.rawOutput() };
}

describe('a sign-in over a working day', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('renews several expired access tokens silently, after one browser sign-in', async () => {
    // Each renewed token must outlive the run that renewed it: on a busy machine a start and a portal
    // call take more than a second, and a token that ran out meanwhile would read as a revoked one.
    const world = await startWorld({ tokenLifetimeSeconds: 5 });
    await login(world);
    for (let hour = 0; hour < 3; hour++) {
      await until(new Date((await cachedToken(world)).expiresAt!));
      const result = await world.run(envArgs(world), world.programEnv);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    expect(world.simulator.stats.grants).toEqual({ authorization_code: 1, refresh_token: 3 });
    expect(world.simulator.stats.operations.Authorize).toBe(1);
  });

  it('at the end of the session, a script is told the sign-in has ended', async () => {
    const world = await startWorld({ tokenLifetimeSeconds: 1, sessionLifetimeSeconds: 2 });
    await login(world);
    // The session began before the login returned, so it has ended two seconds after.
    await until(Date.now() + 2_000);
    const result = await world.run(envArgs(world), world.programEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "sso-tui: The sign-in for the SSO session 'work' has ended: Identity Center refused to renew it. " +
        'Run `sso-tui login`.\n',
    );
  });

  it('at the end of the session, a command in a terminal signs in once and carries on', async () => {
    const world = await startWorld({ tokenLifetimeSeconds: 1, sessionLifetimeSeconds: 2 });
    await login(world);
    // The session began before the login returned, so it has ended two seconds after.
    await until(Date.now() + 2_000);
    const { code, output } = await envInTerminal(world);
    expect(output).toContain('has ended: Identity Center refused to renew it. Signing in again.');
    expect(code).toBe(0);
    expect(output).toContain(
      `export AWS_ACCESS_KEY_ID='${world.simulator.issuedCredentials().at(-1)!.accessKeyId}'`,
    );
    expect(world.simulator.stats.grants).toEqual({ authorization_code: 2 });
    expect(world.simulator.stats.operations.Authorize).toBe(2);
  });

  it('with the registration expired, the next sign-in registers anew with no extra prompt', async () => {
    const world = await startWorld({ tokenLifetimeSeconds: 1, registrationLifetimeSeconds: 2 });
    await login(world);
    await until(new Date((await cachedToken(world)).registrationExpiresAt!));
    const { code, output } = await envInTerminal(world);
    expect(output).toContain('has expired and cannot be renewed. Signing in again.');
    expect(code).toBe(0);
    expect(world.simulator.stats.operations.RegisterClient).toBe(2);
    expect(world.simulator.stats.operations.Authorize).toBe(2);
    expect(world.simulator.stats.grants).toEqual({ authorization_code: 2 });
  });

  it('on the credential view, expired credentials show as expired and r fetches new ones, renewing the token silently', async () => {
    const world = await startWorld({ accounts: 1, credentialLifetimeSeconds: 2, tokenLifetimeSeconds: 3 });
    const [account] = world.simulator.organization.accounts;
    const tui = startTerminal({ env: world.programEnv, cols: 120, rows: 40 });
    rig = tui;
    await tui.waitForText('1 / 1');
    tui.write(KEYS.enter);
    await tui.waitForText(`${account!.roles.length} / ${account!.roles.length}`);
    tui.write(KEYS.enter);
    await tui.waitForText(/Access key +ASIA/);
    const first = world.simulator.issuedCredentials().at(-1)!;
    await tui.waitForText(/Expires in +expired/);
    // Past the access token's expiry too: only a renewal can fetch what r asks for.
    await until(new Date((await cachedToken(world)).expiresAt!));
    tui.write('r');
    const renewed = await tui.waitForScreen('new credentials', (lines) =>
      lines.some((line) => /Access key +ASIA/.test(line) && !line.includes(first.accessKeyId)),
    );
    const second = world.simulator.issuedCredentials().at(-1)!;
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(renewed).toContain(second.accessKeyId);
    expect(renewed).toMatch(/Token renews in/);
    expect(world.simulator.stats.operations.Authorize).toBe(1);
    expect(world.simulator.stats.grants.authorization_code).toBe(1);
    expect(world.simulator.stats.grants.refresh_token).toBeGreaterThanOrEqual(1);
  });
});
