import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_WINDOW_MS } from '../../source/services/tokenRefresh.js';
import { BUNDLE, runBundle, startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeEach(async () => {
  if (!existsSync(BUNDLE))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  stage = await startCliStage({ accounts: 3 });
});
afterEach(async () => {
  await stage.close();
});

/** Every secret the run could have handled: the cached token as it was and is now, and issued credentials. */
async function secretsHandled(before: Record<string, string>): Promise<string[]> {
  const after = JSON.parse(await readFile(stage.tokenFile, 'utf8')) as Record<string, string>;
  const secrets = [before, after].flatMap((record) => [
    record.accessToken,
    record.refreshToken,
    record.clientSecret,
  ]);
  for (const issued of stage.simulator.issuedCredentials()) {
    secrets.push(issued.secretAccessKey, issued.sessionToken);
  }
  return [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string'))];
}

/** Names the account by name, so the run makes more than one portal call. */
function credentialProcess(...extra: string[]): string[] {
  const account = stage.simulator.organization.accounts[0]!;
  return ['credential-process', '--account', account.accountName, '--role', account.roles[0]!, ...extra];
}

describe('secrets in what the built program prints to stderr', () => {
  it('are masked in the final error line, even when the service quotes the token back', async () => {
    const before = await stage.writeAwsCliToken();
    stage.simulator.faults.echoTokenInErrors = true;
    for (const argv of [credentialProcess(), credentialProcess('--debug')]) {
      const result = await runBundle(argv, stage.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^sso-tui: Identity Center refused the request: .*<redacted>/m);
      for (const secret of await secretsHandled(before)) expect(result.stderr).not.toContain(secret);
    }
  });

  it('never appear in --debug lines of a throttled run that refreshed its token', async () => {
    // Due for refresh: the run handles the old token, the refresh token, the client secret and a new token.
    const before = await stage.writeAwsCliToken((REFRESH_WINDOW_MS - 60_000) / 1000);
    stage.simulator.faults.throttleEveryNth = 2;
    const result = await runBundle(credentialProcess('--debug'), stage.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: /m);
    const after = JSON.parse(await readFile(stage.tokenFile, 'utf8')) as Record<string, string>;
    expect(after.accessToken).not.toBe(before.accessToken);
    const secrets = await secretsHandled(before);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(result.stderr).not.toContain(secret);
  });
});
