import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeEach(async () => {
  stage = await startCliStage({ accounts: 3 });
});
afterEach(async () => {
  await stage.close();
});

/** What `aws sso login` leaves behind an hour later: an expired access token, a live refresh token. */
async function expiredTokenWithLiveRefresh(): Promise<Record<string, string>> {
  const record = await stage.writeAwsCliToken(3600);
  const expired = { ...record, expiresAt: '2020-01-01T00:00:00Z' };
  await writeFile(stage.tokenFile, JSON.stringify(expired));
  stage.simulator.resetStats();
  return expired;
}

function envArgs(): string[] {
  const account = stage.simulator.organization.accounts[0]!;
  return ['env', '--account', account.accountId, '--role', account.roles[0]!];
}

/** A loopback port nothing listens on, found by listening and closing. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('an expired access token with a live refresh token', () => {
  it('is renewed silently by one refresh_token grant, written back, and the command succeeds', async () => {
    const before = await expiredTokenWithLiveRefresh();
    const result = await stage.run(envArgs());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `export AWS_ACCESS_KEY_ID='${stage.simulator.issuedCredentials().at(-1)!.accessKeyId}'`,
    );
    expect(stage.simulator.stats.grants).toEqual({ refresh_token: 1 });
    const cached = JSON.parse(await readFile(stage.tokenFile, 'utf8'));
    expect(cached.accessToken).not.toBe(before.accessToken);
    expect(cached.refreshToken).not.toBe(before.refreshToken);
    expect(new Date(cached.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('tells --debug that it renewed the sign-in, with no secret in the line', async () => {
    const before = await expiredTokenWithLiveRefresh();
    const result = await stage.run([...envArgs(), '--debug']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: renewed the sign-in; the access token now expires at \S+Z$/m);
    const cached = JSON.parse(await readFile(stage.tokenFile, 'utf8'));
    for (const secret of [before.refreshToken, before.clientSecret, cached.accessToken, cached.refreshToken])
      expect(result.stderr).not.toContain(secret);
  });
});

describe('a refresh that fails is never swallowed', () => {
  it('a refused refresh says the sign-in has ended, and --debug says why', async () => {
    await expiredTokenWithLiveRefresh();
    stage.simulator.revokeAllTokens();
    const result = await stage.run([...envArgs(), '--debug']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^debug: token refresh failed: Identity Center refused to renew the sign-in \(InvalidGrantException\)/m,
    );
    expect(result.stderr).toMatch(
      /^sso-tui: The sign-in for the SSO session 'work' has ended: Identity Center refused to renew it\. Run `sso-tui login`\.$/m,
    );
    expect(stage.simulator.stats.grants).toEqual({});
    expect(stage.simulator.stats.operations.CreateToken).toBe(1);
  });

  it('an unreachable Identity Center says to try again, not to sign in', async () => {
    await expiredTokenWithLiveRefresh();
    const port = await closedPort();
    const result = await stage.run(envArgs(), { AWS_ENDPOINT_URL_SSO_OIDC: `http://127.0.0.1:${port}` });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'sso-tui: Could not renew the sign-in: Identity Center could not be reached (ECONNREFUSED). ' +
        'Check the network and try again.\n',
    });
  });

  it('an expired registration cannot renew: the message says so and nothing is asked', async () => {
    const record = await expiredTokenWithLiveRefresh();
    await writeFile(
      stage.tokenFile,
      JSON.stringify({ ...record, registrationExpiresAt: '2020-01-01T00:00:00Z' }),
    );
    const result = await stage.run(envArgs());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "sso-tui: The sign-in for the SSO session 'work' has expired and cannot be renewed. Run `sso-tui login`.\n",
    );
    expect(stage.simulator.stats.operations.CreateToken ?? 0).toBe(0);
  });
});

describe('processes started together with a token due for refresh', () => {
  it('refresh it once, under the lock; the others read the renewed token, and all succeed', async () => {
    await expiredTokenWithLiveRefresh();
    const results = await Promise.all(Array.from({ length: 8 }, () => stage.run(envArgs())));
    expect(results.map((result) => [result.code, result.stderr])).toEqual(Array(8).fill([0, '']));
    expect(stage.simulator.stats.grants).toEqual({ refresh_token: 1 });
    expect(stage.simulator.stats.operations.CreateToken).toBe(1);
  });
});
