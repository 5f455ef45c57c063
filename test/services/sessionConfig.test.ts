import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../../source/services/errors.js';
import { chooseSession, readSsoSessions } from '../../source/services/sessionConfig.js';
import { tempFolder } from '../support/tempFolders.js';

async function configWith(text: string): Promise<string> {
  const file = join(await tempFolder('sso-tui-config-'), 'config');
  await writeFile(file, text);
  return file;
}

const TWO_SESSIONS =
  '[default]\nregion = us-east-1\n\n' +
  '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start#/\nsso_region = eu-west-1\n' +
  'sso_registration_scopes = sso:account:access, codewhisperer:completions\n\n' +
  '[sso-session lab]\nsso_start_url = https://lab.awsapps.com/start\nsso_region = us-west-2\n';

describe('SSO sessions from the config file', () => {
  it('reads every [sso-session], keeping a # inside the start URL and splitting scopes', async () => {
    const sessions = await readSsoSessions(await configWith(TWO_SESSIONS));
    expect(sessions).toEqual([
      {
        name: 'corp',
        startUrl: 'https://corp.awsapps.com/start#/',
        region: 'eu-west-1',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
      },
      {
        name: 'lab',
        startUrl: 'https://lab.awsapps.com/start',
        region: 'us-west-2',
        scopes: ['sso:account:access'],
      },
    ]);
  });

  it('reads legacy SSO profiles as sessions, one per start URL; an [sso-session] of the same name wins', async () => {
    const config = await configWith(
      '[profile old-a]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\n' +
        'sso_account_id = 111111111111\nsso_role_name = Admin\n\n' +
        '[profile old-b]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\n\n' +
        '[profile modern]\nsso_session = corp\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n\n' +
        '[profile corp]\nsso_start_url = https://shadowed.awsapps.com/start\nsso_region = eu-west-1\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const sessions = await readSsoSessions(config);
    expect(sessions).toEqual([
      {
        name: 'corp',
        startUrl: 'https://corp.awsapps.com/start',
        region: 'eu-west-1',
        scopes: ['sso:account:access'],
      },
      {
        startUrl: 'https://old.awsapps.com/start',
        region: 'eu-west-1',
        scopes: ['sso:account:access'],
        legacyProfiles: ['old-a', 'old-b'],
      },
    ]);
    expect(chooseSession(sessions, { sessionName: 'old-b' })).toBe(sessions[1]);
    expect(chooseSession(sessions, { sessionName: 'corp' })).toBe(sessions[0]);
    // Without a choice the one [sso-session] is used; legacy profiles are only the fallback.
    expect(chooseSession(sessions, {})).toBe(sessions[0]);
    expect(chooseSession(sessions.slice(1), {})).toBe(sessions[1]);
  });

  it('a missing file has no sessions', async () => {
    expect(await readSsoSessions(join(tmpdir(), 'no-such-folder-sso-tui', 'config'))).toEqual([]);
  });

  it('refuses a session section with an unreadable line, naming the file and line', async () => {
    const file = await configWith(
      '[sso-session corp]\nsso_start_url https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const sessions = await readSsoSessions(file);
    const error = (() => {
      try {
        return chooseSession(sessions, { sessionName: 'corp' });
      } catch (failure) {
        return failure;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `${file} line 2 in [sso-session corp] cannot be read: a line with text but no "=".`,
    );
  });

  it('is no reason to refuse a command that uses another session', async () => {
    const file = await configWith(
      '[sso-session broken]\nsso_start_url https://x.awsapps.com/start\n[sso-session corp]\n' +
        'sso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const sessions = await readSsoSessions(file);
    expect(chooseSession(sessions, { sessionName: 'corp' }).startUrl).toBe('https://corp.awsapps.com/start');
    expect(() => chooseSession(sessions, { sessionName: 'broken' })).toThrow(
      /line 2 in \[sso-session broken\]/,
    );
  });

  it('chooses the only session, a named one, or --start-url with --region', async () => {
    const sessions = await readSsoSessions(await configWith(TWO_SESSIONS));
    expect(chooseSession(sessions.slice(0, 1), {}).name).toBe('corp');
    expect(chooseSession(sessions, { sessionName: 'lab' }).region).toBe('us-west-2');
    expect(chooseSession(sessions, { sessionName: 'lab', region: 'eu-north-1' }).region).toBe('eu-north-1');
    expect(chooseSession([], { startUrl: 'https://x.awsapps.com/start', region: 'us-east-1' })).toEqual({
      name: undefined,
      startUrl: 'https://x.awsapps.com/start',
      region: 'us-east-1',
      scopes: ['sso:account:access'],
    });
  });

  it.each([
    [{}, 'Several SSO sessions are configured.', 'Configured: corp, lab.', 'choose-session'],
    [
      { sessionName: 'nope' },
      'There is no [sso-session nope] (nor an SSO [profile nope]) in the AWS config file.',
      'Configured: corp, lab.',
      undefined,
    ],
    [
      { startUrl: 'https://x.awsapps.com/start' },
      'A start URL needs the Identity Center region it belongs to.',
      undefined,
      'give-region',
    ],
  ])('refuses %j with a usage error that helps', async (choice, message, hint, next) => {
    const sessions = await readSsoSessions(await configWith(TWO_SESSIONS));
    const error = (() => {
      try {
        chooseSession(sessions, choice);
      } catch (failure) {
        return failure;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message, hint, next });
  });

  it('with no session at all says how to add one', () => {
    expect(() => chooseSession([], {})).toThrow(
      expect.objectContaining({
        message: 'No [sso-session] is configured in the AWS config file.',
        next: 'configure-session',
      }),
    );
  });
});
