import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toIsoSeconds } from '../../source/services/isoTime.js';
import { generateOrganization } from '../../source/simulator/index.js';
import { startCliStage, type CliStage } from '../support/cliStage.js';

const exec = promisify(execFile);

/** Five generated accounts, two of which share a name, so that a name can be ambiguous. */
function organization() {
  const accounts = [...generateOrganization({ accounts: 5 }).accounts];
  accounts[4] = { ...accounts[4]!, accountName: accounts[3]!.accountName.toUpperCase() };
  return { accounts };
}

let stage: CliStage;
beforeEach(async () => {
  stage = await startCliStage({ organization: organization() });
  await stage.writeAwsCliToken();
  stage.simulator.resetStats();
});
afterEach(async () => {
  await stage.close();
});

const account = () => stage.simulator.organization.accounts[1]!;

describe('sso-tui credential-process', () => {
  it('prints Version 1 JSON with the issued credentials, in one portal call for an id and exact role', async () => {
    const result = await stage.run([
      'credential-process',
      '--account',
      account().accountId,
      '--role',
      account().roles[0]!,
    ]);
    expect(result.code).toBe(0);
    const issued = stage.simulator.issuedCredentials().at(-1)!;
    expect(JSON.parse(result.stdout)).toEqual({
      Version: 1,
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: toIsoSeconds(new Date(issued.expiration)),
    });
    expect(stage.simulator.stats.portalCalls.map((call) => call.op)).toEqual(['GetRoleCredentials']);
  });

  it('accepts an account name in any case and a role name in any case', async () => {
    const result = await stage.run([
      'credential-process',
      '--account',
      account().accountName.toUpperCase(),
      '--role',
      account().roles[0]!.toLowerCase(),
    ]);
    expect(result.code).toBe(0);
    expect(stage.simulator.issuedCredentials().at(-1)).toMatchObject({
      accountId: account().accountId,
      roleName: account().roles[0],
    });
  });

  it.each([
    [
      'an ambiguous name',
      () => ['--account', stage.simulator.organization.accounts[3]!.accountName],
      /is ambiguous: .*\(\d{12}\), .*\(\d{12}\)\. Pass the account id instead\./,
    ],
    [
      'an unknown name',
      () => ['--account', 'no-such-account'],
      /No account 'no-such-account' is assigned to you\./,
    ],
    ['an unknown id', () => ['--account', '000000000000'], /No account 000000000000 is assigned to you\./],
  ])('refuses %s in one line', async (_case, accountArgs, message) => {
    const result = await stage.run(['credential-process', ...accountArgs(), '--role', 'ReadOnlyAccess']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists the roles that exist when the role is unknown', async () => {
    const result = await stage.run([
      'credential-process',
      '--account',
      account().accountId,
      '--role',
      'Nope',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Roles there: ${account().roles.join(', ')}.`);
  });

  it('shows --debug lines without any secret', async () => {
    stage.simulator.faults.throttleEveryNth = 2;
    const result = await stage.run([
      'credential-process',
      '--debug',
      '--account',
      account().accountName,
      '--role',
      account().roles[0]!,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: throttled; now [\d.]+ calls\/s$/m);
    const issued = stage.simulator.issuedCredentials().at(-1)!;
    for (const secret of [issued.secretAccessKey, issued.sessionToken])
      expect(result.stderr).not.toContain(secret);
  });

  it('needs --account and --role', async () => {
    const result = await stage.run(['credential-process', '--account', account().accountId]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`sso-tui credential-process` needs --role.');
  });
});

describe('sso-tui env', () => {
  it('prints export lines that a POSIX shell evaluates to the issued credentials', async () => {
    const result = await stage.run(['env', '--account', account().accountId, '--role', account().roles[0]!]);
    expect(result.code).toBe(0);
    const { stdout } = await exec('sh', [
      '-c',
      `${result.stdout}\nprintf '%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`,
    ]);
    const issued = stage.simulator.issuedCredentials().at(-1)!;
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      issued.accessKeyId,
      issued.secretAccessKey,
      issued.sessionToken,
      toIsoSeconds(new Date(issued.expiration)),
    ]);
  });

  it('writes fish and PowerShell lines when asked', async () => {
    const role = ['--account', account().accountId, '--role', account().roles[0]!];
    const fish = await stage.run(['env', ...role, '--shell', 'fish']);
    const fishSecret = stage.simulator.issuedCredentials().at(-1)!.secretAccessKey;
    const powershell = await stage.run(['env', ...role, '--shell', 'powershell']);
    const powershellSecret = stage.simulator.issuedCredentials().at(-1)!.secretAccessKey;
    expect(fish.stdout).toContain(`set -gx AWS_SECRET_ACCESS_KEY '${fishSecret}';\n`);
    expect(powershell.stdout).toContain(`$Env:AWS_SECRET_ACCESS_KEY = '${powershellSecret}'\n`);
  });
});

describe('sso-tui console', () => {
  it('prints a federation sign-in URL that lands in the console', async () => {
    const signIn = {
      AWS_ENDPOINT_URL_SIGNIN: `${stage.simulator.url}/federation`,
      AWS_REGION: 'eu-central-1',
    };
    const result = await stage.run(
      ['console', '--account', account().accountId, '--role', account().roles[0]!, '--print'],
      signIn,
    );
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.searchParams.get('Action')).toBe('login');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://eu-central-1.console.aws.amazon.com/');
  });

  it('without --print and with no browser, says to use --print', async () => {
    const result = await stage.run(
      ['console', '--account', account().accountId, '--role', account().roles[0]!],
      { AWS_ENDPOINT_URL_SIGNIN: `${stage.simulator.url}/federation` },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Use --print to get the sign-in URL.');
    expect(result.stdout).toBe('');
  });
});
