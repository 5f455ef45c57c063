import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAND_IN_BROWSER, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeEach(async () => {
  stage = await startCliStage({ accounts: 30 });
});
afterEach(async () => {
  await stage.close();
});

function cacheFile(): string {
  return stage.tokenFile;
}

async function writeCache(record: Record<string, string>): Promise<void> {
  await writeFile(cacheFile(), JSON.stringify(record));
}

describe('sso-tui login', () => {
  it('signs in through a stand-in browser and fills the shared cache with every field, mode 0600', async () => {
    const result = await stage.run(['login'], { BROWSER: `${process.execPath} ${STAND_IN_BROWSER}` });
    expect(result.stderr).toContain(`${stage.simulator.url}/authorize?response_type=code`);
    expect(result.code).toBe(0);
    const cached = JSON.parse(await readFile(cacheFile(), 'utf8'));
    expect(Object.keys(cached).sort()).toEqual(
      [
        'accessToken',
        'clientId',
        'clientSecret',
        'expiresAt',
        'refreshToken',
        'region',
        'registrationExpiresAt',
        'startUrl',
      ].sort(),
    );
    expect(cached.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cached.startUrl).toBe(START_URL);
    expect((await stat(cacheFile())).mode & 0o777).toBe(0o600);
    expect(result.stderr).not.toContain(cached.accessToken);
  });

  it('signs in with a device code when asked', async () => {
    const result = await stage.run(['login', '--device-code'], {
      BROWSER: `${process.execPath} ${STAND_IN_BROWSER}`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/enter the code\s+[A-Z]{4}-[A-Z]{4}/);
    expect(stage.simulator.stats.operations.StartDeviceAuthorization).toBe(1);
    expect(JSON.parse(await readFile(cacheFile(), 'utf8')).refreshToken).toBeTruthy();
  });

  it('registers the client once and reuses the registration for the next sign-in', async () => {
    const browser = { BROWSER: `${process.execPath} ${STAND_IN_BROWSER}` };
    expect((await stage.run(['login'], browser)).code).toBe(0);
    expect((await stage.run(['login'], browser)).code).toBe(0);
    expect(stage.simulator.stats.operations.RegisterClient).toBe(1);
    expect(stage.simulator.stats.operations.CreateToken).toBe(2);
  });

  it('fails with one clear line when the browser denies the sign-in', async () => {
    stage.simulator.faults.denyAuthorization = true;
    const result = await stage.run(['login'], { BROWSER: `${process.execPath} ${STAND_IN_BROWSER}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sso-tui: The sign-in was denied in the browser\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the shared token cache', () => {
  it('reuses a token AWS CLI v2 wrote, with no sign-in', async () => {
    await stage.writeAwsCliToken(3600);
    stage.simulator.resetStats();
    const result = await stage.run(['list', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(30);
    expect(stage.simulator.stats.operations.CreateToken ?? 0).toBe(0);
    expect(stage.simulator.stats.operations.RegisterClient ?? 0).toBe(0);
  });

  it('refreshes a token inside the 15-minute window silently and writes it back', async () => {
    const record = await stage.writeAwsCliToken(600);
    const result = await stage.run(['list', '--json']);
    expect(result.code).toBe(0);
    const cached = JSON.parse(await readFile(cacheFile(), 'utf8'));
    expect(cached.accessToken).not.toBe(record.accessToken);
    expect(cached.refreshToken).not.toBe(record.refreshToken);
    expect(new Date(cached.expiresAt).getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    expect(cached.clientId).toBe(record.clientId);
    expect(cached.registrationExpiresAt).toBe(record.registrationExpiresAt);
    expect((await stat(cacheFile())).mode & 0o777).toBe(0o600);
  });

  it('without a usable token and without a terminal, fails at once saying to run login', async () => {
    const result = await stage.run(['list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "sso-tui: There is no usable sign-in for the SSO session 'work'. Run `sso-tui login`.\n",
    );
    expect(stage.simulator.stats.operations.RegisterClient ?? 0).toBe(0);
  });

  it('an expired token whose refresh fails needs a new sign-in', async () => {
    const record = await stage.writeAwsCliToken(600);
    stage.simulator.revokeAllTokens();
    await writeCache({ ...record, expiresAt: '2020-01-01T00:00:00Z' });
    stage.simulator.resetStats();
    const result = await stage.run(['list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Run `sso-tui login`');
    // The expired token is never tried on the portal (a revoked one would answer 401 with the same advice).
    expect(stage.simulator.stats.portalCalls).toEqual([]);
  });

  it('a revoked token yields the typed session error, in one line', async () => {
    await stage.writeAwsCliToken(3600);
    stage.simulator.faults.unauthorized = true;
    const result = await stage.run(['list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'sso-tui: Your sign-in session has expired or was revoked. Run `sso-tui login`.\n',
    );
  });
});

describe('sso-tui logout', () => {
  it('revokes the token at the portal and deletes the cache file', async () => {
    const record = await stage.writeAwsCliToken(3600);
    const result = await stage.run(['logout']);
    expect(result.code).toBe(0);
    expect(stage.simulator.stats.operations.Logout).toBe(1);
    await expect(stat(cacheFile())).rejects.toMatchObject({ code: 'ENOENT' });
    await writeCache(record);
    expect((await stage.run(['list'])).stderr).toContain('expired or was revoked');
  });

  it('with no cached token says there is nothing to do', async () => {
    const result = await stage.run(['logout']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Not signed in');
  });
});
