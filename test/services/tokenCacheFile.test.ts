import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotRegularFileError, ReadOnlyFileError } from '../../source/services/awsFiles/awsFileErrors.js';
import { readCachedToken, tokenCacheFile, writeCachedToken } from '../../source/services/tokenCache.js';
import { tempFolder } from '../support/tempFolders.js';

// The token cache follows the AWS files' rules for special files (SPEC §7).

const isWindows = process.platform === 'win32';
const session = {
  name: 'files',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};
const token = {
  startUrl: session.startUrl,
  region: session.region,
  accessToken: 'access',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

async function cacheFile(): Promise<string> {
  const file = tokenCacheFile(await tempFolder('sso-tui-cachefile-'), session);
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  await chmod(dirname(file), 0o755);
  return file;
}

describe.skipIf(isWindows)('the token cache file', () => {
  it('refuses a FIFO without blocking, for reading and for writing', async () => {
    const file = await cacheFile();
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    expect(await readCachedToken(file)).toBeUndefined();
    await expect(writeCachedToken(file, token)).rejects.toBeInstanceOf(NotRegularFileError);
    expect((await lstat(file)).isFIFO()).toBe(true);
  });

  it('refuses a link to a device and a read-only file', async () => {
    const file = await cacheFile();
    await symlink('/dev/null', file);
    await expect(writeCachedToken(file, token)).rejects.toBeInstanceOf(NotRegularFileError);
    const other = `${file}.other.json`;
    await writeFile(other, '{}');
    await chmod(other, 0o400);
    await expect(writeCachedToken(other, token)).rejects.toBeInstanceOf(ReadOnlyFileError);
  });

  it('follows a link, keeps it a link, narrows the mode, and makes the folder 0700', async () => {
    const file = await cacheFile();
    const real = join(dirname(file), 'real.json');
    await writeFile(real, '{}');
    await chmod(real, 0o644);
    await symlink(real, file);
    await writeCachedToken(file, token);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(real, 'utf8'))).toMatchObject({ accessToken: 'access' });
    expect((await stat(real)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(file))).mode & 0o777).toBe(0o700);
  });
});
