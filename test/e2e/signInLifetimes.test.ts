import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../source/simulator/index.js';
import { startE2eStage, type E2eStage } from './e2eStage.js';
import { E2E_TEST_TIMEOUT, KEYS, startTerminal, type TerminalRig } from './terminalRig.js';

/**
 * A working day in seconds: the simulator's lifetimes (access token, session, registration) are set per test
 * and the built program runs against them in real time. The waits below wait for a lifetime to run out,
 * which is the event under test.
 */
let stage: E2eStage | undefined;
let rig: TerminalRig | undefined;
afterEach(async () => {
  rig?.dispose();
  rig = undefined;
  await stage?.close();
  stage = undefined;
});

async function startStage(options: SimulatorOptions): Promise<E2eStage> {
  stage = await startE2eStage({ accounts: 3, ...options });
  return stage;
}

/** Resolves once the wall clock has passed `moment` (and the second it was rounded to). */
async function until(moment: Date | number): Promise<void> {
  const wait = new Date(moment).getTime() + 1_000 - Date.now();
  if (wait > 0) await sleep(wait);
}

async function cachedToken(stage: E2eStage): Promise<Record<string, string>> {
  return JSON.parse(await readFile(stage.tokenFile, 'utf8')) as Record<string, string>;
}

function envArgs(stage: E2eStage): string[] {
  const account = stage.simulator.organization.accounts[0]!;
  return ['env', '--account', account.accountId, '--role', account.roles[0]!];
}

async function login(stage: E2eStage): Promise<void> {
  const result = await stage.run(['login'], stage.programEnv);
  expect(result.code).toBe(0);
}

/**
 * The sign-in a test makes after its short one ran out gets an hour's token, a working day's session and
 * a registration of 90 days, as Identity Center gives: on a busy machine the browser round trip alone can
 * take longer than the few seconds the first one had.
 */
function livesLongFromNowOn(stage: E2eStage): void {
  stage.simulator.setLifetimes({
    tokenLifetimeSeconds: 3600,
    sessionLifetimeSeconds: 8 * 3600,
    registrationLifetimeSeconds: 90 * 24 * 3600,
  });
}

/** `env` in a terminal, where a command may sign in; resolves with its exit code and what it wrote. */
async function envInTerminal(stage: E2eStage): Promise<{ code: number; output: string }> {
  rig = startTerminal({ args: envArgs(stage), env: stage.programEnv, cols: 200, rows: 60 });
  const code = await rig.waitForExit();
  return { code, output: rig.rawOutput() };
}

describe('a sign-in over a working day', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('renews several expired access tokens silently, after one browser sign-in', async () => {
    // Each renewed token must outlive the run that renewed it: on a busy machine a start and a portal
    // call take more than a second, and a token that ran out meanwhile would read as a revoked one.
    const stage = await startStage({ tokenLifetimeSeconds: 5 });
    await login(stage);
    for (let hour = 0; hour < 3; hour++) {
      await until(new Date((await cachedToken(stage)).expiresAt!));
      const result = await stage.run(envArgs(stage), stage.programEnv);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    expect(stage.simulator.stats.grants).toEqual({ authorization_code: 1, refresh_token: 3 });
    expect(stage.simulator.stats.operations.Authorize).toBe(1);
  });

  it('at the end of the session, a script is told the sign-in has ended', async () => {
    const stage = await startStage({ tokenLifetimeSeconds: 1, sessionLifetimeSeconds: 2 });
    await login(stage);
    // The session began before the login returned, so it has ended two seconds after.
    await until(Date.now() + 2_000);
    const result = await stage.run(envArgs(stage), stage.programEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "sso-tui: The sign-in for the SSO session 'work' has ended: Identity Center refused to renew it. " +
        'Run `sso-tui login`.\n',
    );
  });

  it('at the end of the session, a command in a terminal signs in once and carries on', async () => {
    const stage = await startStage({ tokenLifetimeSeconds: 1, sessionLifetimeSeconds: 2 });
    await login(stage);
    livesLongFromNowOn(stage);
    // The session began before the login returned, so it has ended two seconds after.
    await until(Date.now() + 2_000);
    const { code, output } = await envInTerminal(stage);
    expect(output).toContain('has ended: Identity Center refused to renew it. Signing in again.');
    expect(code).toBe(0);
    expect(output).toContain(
      `export AWS_ACCESS_KEY_ID='${stage.simulator.issuedCredentials().at(-1)!.accessKeyId}'`,
    );
    expect(stage.simulator.stats.grants).toEqual({ authorization_code: 2 });
    expect(stage.simulator.stats.operations.Authorize).toBe(2);
  });

  it('with the registration expired, the next sign-in registers anew with no extra prompt', async () => {
    const stage = await startStage({ tokenLifetimeSeconds: 1, registrationLifetimeSeconds: 2 });
    await login(stage);
    livesLongFromNowOn(stage);
    await until(new Date((await cachedToken(stage)).registrationExpiresAt!));
    const { code, output } = await envInTerminal(stage);
    expect(output).toContain('has expired and cannot be renewed. Signing in again.');
    expect(code).toBe(0);
    expect(stage.simulator.stats.operations.RegisterClient).toBe(2);
    expect(stage.simulator.stats.operations.Authorize).toBe(2);
    expect(stage.simulator.stats.grants).toEqual({ authorization_code: 2 });
  });

  it('on the credential view, expired credentials show as expired and r fetches new ones, renewing the token silently', async () => {
    const stage = await startStage({ accounts: 1, credentialLifetimeSeconds: 2, tokenLifetimeSeconds: 3 });
    const [account] = stage.simulator.organization.accounts;
    const tui = startTerminal({ env: stage.programEnv, cols: 120, rows: 40 });
    rig = tui;
    await tui.waitForText('1 / 1');
    tui.write(KEYS.enter);
    await tui.waitForText(`${account!.roles.length} / ${account!.roles.length}`);
    tui.write(KEYS.enter);
    await tui.waitForText(/Access key +ASIA/);
    const first = stage.simulator.issuedCredentials().at(-1)!;
    await tui.waitForText(/Expires in +expired/);
    // Past the access token's expiry too: only a renewal can fetch what r asks for.
    await until(new Date((await cachedToken(stage)).expiresAt!));
    tui.write('r');
    const renewed = await tui.waitForScreen('new credentials', (lines) =>
      lines.some((line) => /Access key +ASIA/.test(line) && !line.includes(first.accessKeyId)),
    );
    const second = stage.simulator.issuedCredentials().at(-1)!;
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(renewed).toContain(second.accessKeyId);
    expect(renewed).toMatch(/Token renews in/);
    expect(stage.simulator.stats.operations.Authorize).toBe(1);
    expect(stage.simulator.stats.grants.authorization_code).toBe(1);
    expect(stage.simulator.stats.grants.refresh_token).toBeGreaterThanOrEqual(1);
  });
});
