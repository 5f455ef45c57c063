import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGION, SESSION_NAME, START_URL, startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeEach(async () => {
  stage = await startCliStage({ accounts: 3 });
});
afterEach(async () => {
  await stage.close();
});

interface StatusJson {
  usable: boolean;
  sessions: Record<string, unknown>[];
}

async function statusJson(...argv: string[]): Promise<{ code: number; json: StatusJson }> {
  const result = await stage.run(['status', '--json', ...argv]);
  return { code: result.code, json: JSON.parse(result.stdout) as StatusJson };
}

describe('sso-tui status', () => {
  it('says a session without a token is not signed in, and exits 1', async () => {
    const table = await stage.run(['status']);
    expect(table.code).toBe(1);
    const [header, row] = table.stdout.split('\n');
    expect(header).toMatch(/^SESSION +START URL +REGION +SIGNED IN +RENEWS +REGISTRATION ENDS +LISTS/);
    expect(row).toMatch(new RegExp(`^${SESSION_NAME} +${START_URL} +${REGION} +no +- +- +-`));
    const { code, json } = await statusJson();
    expect(code).toBe(1);
    expect(json).toEqual({
      usable: false,
      sessions: [
        expect.objectContaining({
          session: SESSION_NAME,
          startUrl: START_URL,
          region: REGION,
          signedIn: false,
          usable: false,
          tokenExpiresAt: null,
          renewsAt: null,
          canRefresh: false,
          registrationExpiresAt: null,
          listsCachedAt: null,
        }),
      ],
    });
  });

  it('reports the token, its renewal, the registration and the age of the cached lists, and exits 0', async () => {
    const record = await stage.writeAwsCliToken(3600);
    expect((await stage.run(['list', '--roles'])).code).toBe(0);
    expect((await stage.run(['populate', '--dry-run'])).code).toBe(0);
    const { code, json } = await statusJson();
    expect(code).toBe(0);
    const expiresAt = new Date(record.expiresAt!);
    expect(json.sessions[0]).toMatchObject({
      signedIn: true,
      usable: true,
      canRefresh: true,
      tokenExpiresAt: expiresAt.toISOString(),
      renewsAt: new Date(expiresAt.getTime() - 15 * 60_000).toISOString(),
      registrationExpiresAt: new Date(record.registrationExpiresAt!).toISOString(),
    });
    expect(json.sessions[0]?.listsAgeSeconds).toEqual(expect.any(Number));
    const table = await stage.run(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(/ yes, until \d{4}-\d\d-\d\d \d\d:\d\d .* \d+ s old/);
  });

  it('counts an expired token that can be refreshed as usable, and one that cannot as not', async () => {
    await stage.writeAwsCliToken(-60);
    const refreshable = await statusJson();
    expect(refreshable.code).toBe(0);
    expect(refreshable.json.sessions[0]).toMatchObject({ signedIn: false, canRefresh: true, usable: true });
    expect((await stage.run(['status'])).stdout).toContain('expired, refreshable');

    const record = await stage.writeAwsCliToken(-60);
    delete record.refreshToken;
    await writeFile(stage.tokenFile, JSON.stringify(record));
    const dead = await statusJson();
    expect(dead.code).toBe(1);
    expect(dead.json.sessions[0]).toMatchObject({ signedIn: false, canRefresh: false, usable: false });
  });

  it('lists every session and answers for the one --sso-session chooses', async () => {
    await stage.writeAwsCliToken();
    await appendFile(
      join(stage.home, '.aws', 'config'),
      '\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const all = await statusJson();
    expect(all.json.sessions.map((entry) => [entry.session, entry.usable])).toEqual([
      [SESSION_NAME, true],
      ['other', false],
    ]);
    expect(all.code).toBe(0);
    expect((await statusJson('--sso-session', 'other')).code).toBe(1);
    expect((await statusJson('--sso-session', SESSION_NAME)).code).toBe(0);
    expect((await stage.run(['status', '--sso-session', 'nope'])).code).toBe(2);
  });
});
