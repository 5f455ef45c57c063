import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deleteCachedToken,
  parseCachedToken,
  readCachedToken,
  tokenCacheFile,
  writeCachedToken,
} from '../../source/services/tokenCache.js';
import { tempFolder } from '../support/tempFolders.js';

const session = {
  name: 'my-sso',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};

async function home(): Promise<string> {
  return tempFolder('sso-tui-cache-');
}

describe('token cache', () => {
  it('names the file by the SHA-1 of the session name, or of the start URL without one', () => {
    expect(tokenCacheFile('/home/u', session)).toBe(
      '/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json',
    );
    expect(tokenCacheFile('/home/u', { ...session, name: undefined })).toBe(
      '/home/u/.aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json',
    );
  });

  it('reads a file as AWS CLI v2 writes it (seconds, no milliseconds)', async () => {
    const file = tokenCacheFile(await home(), session);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(
      file,
      JSON.stringify({
        startUrl: session.startUrl,
        region: 'eu-west-1',
        accessToken: 'aoa-token',
        expiresAt: '2030-01-02T03:04:05Z',
        clientId: 'client',
        clientSecret: 'secret',
        registrationExpiresAt: '2030-03-01T00:00:00Z',
        refreshToken: 'aor-refresh',
      }),
    );
    const token = await readCachedToken(file);
    expect(token?.startUrl).toBe(session.startUrl);
    expect(token?.region).toBe('eu-west-1');
    expect(token?.expiresAt.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    expect(token?.registrationExpiresAt?.toISOString()).toBe('2030-03-01T00:00:00.000Z');
    expect(token?.refreshToken).toBe('aor-refresh');
  });

  it('reads milliseconds as the JS SDK writes them, and treats garbage as no token', async () => {
    const folder = await home();
    const withMillis = join(folder, 'a.json');
    await writeFile(withMillis, JSON.stringify({ accessToken: 'x', expiresAt: '2030-01-02T03:04:05.123Z' }));
    expect((await readCachedToken(withMillis))?.expiresAt.getTime()).toBe(Date.UTC(2030, 0, 2, 3, 4, 5, 123));
    const garbage = join(folder, 'b.json');
    await writeFile(garbage, '{"accessToken": ');
    expect(await readCachedToken(garbage)).toBeUndefined();
    await writeFile(garbage, JSON.stringify({ accessToken: 'x', expiresAt: 'soon' }));
    expect(await readCachedToken(garbage)).toBeUndefined();
    expect(await readCachedToken(join(folder, 'missing.json'))).toBeUndefined();
  });

  it('writes every field in AWS CLI format, mode 0600 in a 0700 folder', async () => {
    const file = tokenCacheFile(await home(), session);
    await writeCachedToken(file, {
      startUrl: session.startUrl,
      region: 'eu-west-1',
      accessToken: 'aoa-token',
      expiresAt: new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 678)),
      refreshToken: 'aor-refresh',
      clientId: 'client',
      clientSecret: 'secret',
      registrationExpiresAt: new Date(Date.UTC(2030, 2, 1)),
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      startUrl: session.startUrl,
      region: 'eu-west-1',
      accessToken: 'aoa-token',
      expiresAt: '2030-01-02T03:04:05Z',
      clientId: 'client',
      clientSecret: 'secret',
      registrationExpiresAt: '2030-03-01T00:00:00Z',
      refreshToken: 'aor-refresh',
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(file, '..'))).mode & 0o777).toBe(0o700);
  });

  it('reads the UTC spelling as UTC in any time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const token = parseCachedToken(
        JSON.stringify({ accessToken: 'x', expiresAt: '2030-01-02T03:04:05UTC' }),
      );
      expect(token?.expiresAt.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('reads the +00:00 and UTC spellings older tools wrote', () => {
    for (const expiresAt of ['2030-01-02T03:04:05+00:00', '2030-01-02T03:04:05UTC', '2030-01-02T03:04:05Z']) {
      const token = parseCachedToken(
        JSON.stringify({ accessToken: 'x', expiresAt, registrationExpiresAt: expiresAt }),
      );
      expect(token?.expiresAt.toISOString(), expiresAt).toBe('2030-01-02T03:04:05.000Z');
      expect(token?.registrationExpiresAt?.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    }
  });

  it('is no token without an access token and an expiry, or when the file is not a JSON object', () => {
    for (const text of [
      'null',
      '42',
      '"aoa-token"',
      JSON.stringify({ expiresAt: '2030-01-02T03:04:05Z' }),
      JSON.stringify({ accessToken: '', expiresAt: '2030-01-02T03:04:05Z' }),
      JSON.stringify({ accessToken: 7, expiresAt: '2030-01-02T03:04:05Z' }),
      JSON.stringify({ accessToken: 'x' }),
      JSON.stringify({ accessToken: 'x', expiresAt: '' }),
    ]) {
      expect(parseCachedToken(text), text).toBeUndefined();
    }
  });

  it('reads a bare token (as the JS SDK may leave it) with empty or missing fields as absent', () => {
    expect(
      parseCachedToken(
        JSON.stringify({
          accessToken: 'x',
          expiresAt: '2030-01-02T03:04:05Z',
          refreshToken: '',
          clientId: 5,
          registrationExpiresAt: 'never',
        }),
      ),
    ).toEqual({
      startUrl: '',
      region: '',
      accessToken: 'x',
      expiresAt: new Date('2030-01-02T03:04:05Z'),
      refreshToken: undefined,
      clientId: undefined,
      clientSecret: undefined,
      registrationExpiresAt: undefined,
    });
  });

  it('writes a token without a refresh token or registration with those keys left out, not empty', async () => {
    const file = tokenCacheFile(await home(), session);
    await writeCachedToken(file, {
      startUrl: session.startUrl,
      region: 'eu-west-1',
      accessToken: 'aoa-token',
      expiresAt: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
    });
    expect(await readFile(file, 'utf8')).toBe(
      `${JSON.stringify(
        {
          startUrl: session.startUrl,
          region: 'eu-west-1',
          accessToken: 'aoa-token',
          expiresAt: '2030-01-02T03:04:05Z',
        },
        null,
        2,
      )}\n`,
    );
  });

  it('narrows an existing cache folder to 0700 when it writes', async () => {
    const file = tokenCacheFile(await home(), session);
    await mkdir(join(file, '..'), { recursive: true, mode: 0o755 });
    await chmod(join(file, '..'), 0o755);
    await writeCachedToken(file, {
      startUrl: session.startUrl,
      region: 'eu-west-1',
      accessToken: 'a',
      expiresAt: new Date(),
    });
    expect((await stat(join(file, '..'))).mode & 0o777).toBe(0o700);
  });

  it('deletes the token file, and deleting a missing one is no error', async () => {
    const file = tokenCacheFile(await home(), session);
    await writeCachedToken(file, {
      startUrl: session.startUrl,
      region: 'eu-west-1',
      accessToken: 'a',
      expiresAt: new Date(),
    });
    await deleteCachedToken(file);
    expect(await readCachedToken(file)).toBeUndefined();
    await expect(deleteCachedToken(file)).resolves.toBeUndefined();
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(!isRoot)(
    `keeps the owner of a cache file root rewrites for another user${isRoot ? '' : ' — skipped: needs root'}`,
    async () => {
      const file = tokenCacheFile(await home(), session);
      await writeCachedToken(file, {
        startUrl: session.startUrl,
        region: 'eu-west-1',
        accessToken: 'a',
        expiresAt: new Date(),
      });
      await chown(file, 12345, 23456);
      await writeCachedToken(file, {
        startUrl: session.startUrl,
        region: 'eu-west-1',
        accessToken: 'b',
        expiresAt: new Date(),
      });
      expect(await stat(file)).toMatchObject({ uid: 12345, gid: 23456 });
      expect((await readCachedToken(file))?.accessToken).toBe('b');
    },
  );
});
