import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContext, type Io } from '../../source/commands/context.js';
import { parseCommandLine } from '../../source/commands/options.js';
import { Redactor } from '../../source/services/redactor.js';
import { tempFolder } from '../support/tempFolders.js';

async function contextFor(argv: string[], redactor: Redactor) {
  const home = await tempFolder('sso-tui-context-');
  await mkdir(join(home, '.aws'));
  await writeFile(
    join(home, '.aws', 'config'),
    '[sso-session work]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n',
  );
  const stderr = new PassThrough();
  const written: string[] = [];
  stderr.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const io: Io = {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    env: {},
    homeDir: home,
    platform: 'linux',
    clock: () => new Date(),
  };
  const context = await createContext(parseCommandLine(argv), io, redactor);
  return { context, stderr: () => written.join('') };
}

describe('the debug lines of a command', () => {
  it('mask every secret the run has handled, and appear only with --debug', async () => {
    const redactor = new Redactor();
    const { context, stderr } = await contextFor(['list', '--debug'], redactor);
    context.portal({
      startUrl: 'https://example.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'aoa-access-token-1',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      refreshToken: 'aor-refresh-token-1',
      clientId: 'client-id',
      clientSecret: 'client-secret-1',
    });
    redactor.remember('role-secret-key-1');
    context.debug('sent aoa-access-token-1, aor-refresh-token-1, client-secret-1 and role-secret-key-1');
    expect(stderr()).toBe('debug: sent <redacted>, <redacted>, <redacted> and <redacted>\n');

    const quiet = await contextFor(['list'], new Redactor());
    quiet.context.debug('anything');
    expect(quiet.stderr()).toBe('');
  });
});
