import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type Io } from '../../source/commands/context.js';
import { parseCommandLine } from '../../source/commands/options.js';
import { fetchRoleCredentials } from '../../source/commands/roleCredentials.js';
import { signIn } from '../../source/commands/signIn.js';
import { run } from '../../source/main.js';
import { Redactor } from '../../source/services/redactor.js';
import { tokenCacheFile } from '../../source/services/tokenCache.js';
import { awsCliTokenRecord, startSimulator, type Simulator } from '../../source/simulator/index.js';
import { tempFolder } from '../support/tempFolders.js';

const SESSION = { name: 'work', startUrl: 'https://example.awsapps.com/start', region: 'eu-west-1' };

let simulator: Simulator;
let home: string;
beforeEach(async () => {
  simulator = await startSimulator({ accounts: 3 });
  home = await tempFolder('sso-tui-redaction-');
  await mkdir(join(home, '.aws'));
  await writeFile(
    join(home, '.aws', 'config'),
    `[sso-session ${SESSION.name}]\nsso_start_url = ${SESSION.startUrl}\nsso_region = ${SESSION.region}\n`,
  );
});
afterEach(async () => {
  await simulator.close();
});

/** The program's world in-process, with what it writes to stderr kept; sign-ins are approved as --demo does. */
function testIo(): Io & { readonly written: () => string } {
  const stderr = new PassThrough();
  const chunks: string[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    env: { AWS_ENDPOINT_URL_SSO: simulator.url, AWS_ENDPOINT_URL_SSO_OIDC: simulator.url, BROWSER: 'false' },
    homeDir: home,
    platform: 'linux',
    clock: () => new Date(),
    stateFolder: join(home, 'state'),
    approveSignIn: async (url) => {
      await (await fetch(url)).text();
    },
    written: () => chunks.join(''),
  };
}

async function signedInBehindTheProgramsBack(): Promise<Record<string, string>> {
  const record = awsCliTokenRecord(simulator.issueTokens(), SESSION);
  const file = tokenCacheFile(home, { ...SESSION, scopes: [] });
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(record));
  return record;
}

describe('the secrets a run handles are given to its redactor', () => {
  it('the token, refresh token and client secret of a sign-in', async () => {
    const redactor = new Redactor();
    const context = await createContext(parseCommandLine(['login', '--no-browser']), testIo(), redactor);
    const token = await signIn(context);
    for (const secret of [token.accessToken, token.refreshToken!, token.clientSecret!]) {
      expect(redactor.redact(secret)).toBe('<redacted>');
    }
  });

  it('role credentials, whether the account is named by id or by name', async () => {
    await signedInBehindTheProgramsBack();
    const account = simulator.organization.accounts[0]!;
    for (const named of [account.accountId, account.accountName]) {
      const redactor = new Redactor();
      const argv = ['credential-process', '--account', named, '--role', account.roles[0]!];
      const context = await createContext(parseCommandLine(argv), testIo(), redactor);
      const { credentials } = await fetchRoleCredentials(context);
      expect(redactor.redact(credentials.secretAccessKey)).toBe('<redacted>');
      expect(redactor.redact(credentials.sessionToken)).toBe('<redacted>');
    }
  });
});

describe('the final error line', () => {
  it('masks the secrets of the run, with and without --debug', async () => {
    const record = await signedInBehindTheProgramsBack();
    simulator.faults.echoTokenInErrors = true;
    const account = simulator.organization.accounts[0]!;
    for (const debug of [[], ['--debug']]) {
      const io = testIo();
      const argv = ['credential-process', '--account', account.accountId, '--role', account.roles[0]!];
      expect(await run([...argv, ...debug], io)).toBe(1);
      expect(io.written()).toMatch(/^sso-tui: Identity Center refused the request: .*<redacted>/);
      expect(io.written()).not.toContain(record.accessToken);
    }
  });

  it('masks them in the stack trace --debug adds to an unexpected error, which only --debug shows', async () => {
    const record = await signedInBehindTheProgramsBack();
    const account = simulator.organization.accounts[0]!;
    // --no-cache: each run fetches, so each run handles the token (a cached answer never reads it).
    const argv = [
      'credential-process',
      '--no-cache',
      '--account',
      account.accountId,
      '--role',
      account.roles[0]!,
    ];
    for (const debug of [false, true]) {
      const io = testIo();
      // An output that fails with the token in its message: an error no front end words.
      const failing = Object.assign(new PassThrough(), {
        write: (): boolean => {
          throw new Error(`cannot write for ${record.accessToken}`);
        },
      });
      expect(await run(debug ? [...argv, '--debug'] : argv, { ...io, stdout: failing })).toBe(1);
      const [line, ...stack] = io.written().split('\n');
      expect(line).toBe(
        'sso-tui: Unexpected error: cannot write for <redacted>. Run again with --debug for details.',
      );
      if (debug) expect(stack.join('\n')).toMatch(/^Error: cannot write for <redacted>\n {4}at /);
      else expect(stack).toEqual(['']);
      expect(io.written()).not.toContain(record.accessToken);
    }
  });
});
