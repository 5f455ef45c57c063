import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cachedCredentials,
  countCachedCredentials,
  credentialCacheFile,
  credentialCacheFolder,
  deleteSessionCredentials,
  readCachedCredentials,
  writeCachedCredentials,
} from '../../source/services/credentialCache.js';
import type { RoleCredentials } from '../../source/services/portal.js';
import type { SsoSession } from '../../source/services/ssoSession.js';
import { tempFolder } from '../support/tempFolders.js';

// What credential-process relies on, in-process (test/cli/credentialCache.test.ts runs the built program).

const NOW = new Date('2030-06-15T12:00:00Z');
const clock = (): Date => NOW;
const MINUTE = 60_000;
const SESSION: SsoSession = {
  name: 'work',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};

function credentials(expiresInMs: number, accessKeyId = 'ASIAEXAMPLE'): RoleCredentials {
  return {
    accessKeyId,
    secretAccessKey: 'secret-key',
    sessionToken: 'session-token',
    expiration: new Date(NOW.getTime() + expiresInMs),
  };
}

async function fileHolding(text: string): Promise<string> {
  const file = join(await tempFolder('sso-tui-credcache-'), 'credentials.json');
  await writeFile(file, text);
  return file;
}

describe('where credentials are cached', () => {
  it('gives each session its own folder, by name and start URL, named the same in every version', () => {
    // Pinned names: credentials cached by an earlier version are still found after an upgrade.
    const folder = credentialCacheFolder('/state', SESSION);
    expect(folder).toBe('/state/credentials/0dd555df92663d4fbd373defe0abaf899a7f52c5');
    expect(credentialCacheFolder('/state', { ...SESSION, name: undefined })).toBe(
      '/state/credentials/a22c537811c530484ebe394e8b2ece2171ea9192',
    );
    const others = [
      { ...SESSION, name: 'home' },
      { ...SESSION, startUrl: 'https://other.awsapps.com/start' },
      { ...SESSION, name: undefined },
    ].map((session) => credentialCacheFolder('/state', session));
    expect(new Set([folder, ...others]).size).toBe(4);
  });

  it('gives each account and role one file, whatever the role name’s case', () => {
    const file = credentialCacheFile('/state', SESSION, '111111111111', 'ReadOnlyAccess');
    expect(dirname(file)).toBe(credentialCacheFolder('/state', SESSION));
    expect(file).toBe(join(dirname(file), 'ca6e0d34f8bc85fe7e0bf307531dd7cda5a2e18d.json'));
    expect(credentialCacheFile('/state', SESSION, '111111111111', 'readonlyaccess')).toBe(file);
    expect(credentialCacheFile('/state', SESSION, '222222222222', 'ReadOnlyAccess')).not.toBe(file);
    expect(credentialCacheFile('/state', SESSION, '111111111111', 'Admin')).not.toBe(file);
  });
});

describe('reading cached credentials', () => {
  it('gives back what was written, with the expiry to the second', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'a', 'b', 'c.json');
    await writeCachedCredentials(file, credentials(60 * MINUTE + 789));
    expect(await readCachedCredentials(file, clock)).toEqual(credentials(60 * MINUTE));
    const text = await readFile(file, 'utf8');
    // One JSON line, ended as a text file is.
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text)).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret-key',
      sessionToken: 'session-token',
      expiration: '2030-06-15T13:00:00Z',
    });
  });

  it('writes the file 0600 in a 0700 folder: it holds a secret key', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'session', 'role.json');
    await writeCachedCredentials(file, credentials(60 * MINUTE));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('reuses credentials only while more than 15 minutes remain', async () => {
    const at = async (expiresInMs: number) => {
      const file = join(await tempFolder('sso-tui-credcache-'), 'role.json');
      await writeCachedCredentials(file, credentials(expiresInMs));
      return readCachedCredentials(file, clock);
    };
    expect(await at(15 * MINUTE + 1000)).toBeDefined();
    expect(await at(15 * MINUTE)).toBeUndefined();
    expect(await at(14 * MINUTE)).toBeUndefined();
    expect(await at(-MINUTE)).toBeUndefined();
  });

  it('treats a missing, garbled or incomplete file as no credentials', async () => {
    const valid = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret-key',
      sessionToken: 'session-token',
      expiration: '2030-06-15T13:00:00Z',
    };
    expect(await readCachedCredentials(await fileHolding(JSON.stringify(valid)), clock)).toEqual(
      credentials(60 * MINUTE),
    );
    const folder = await tempFolder('sso-tui-credcache-');
    expect(await readCachedCredentials(join(folder, 'missing.json'), clock)).toBeUndefined();
    // A folder where the file should be cannot be read either.
    expect(await readCachedCredentials(folder, clock)).toBeUndefined();
    const broken = [
      '{"accessKeyId": ',
      'null',
      '"ASIAEXAMPLE"',
      '42',
      ...Object.keys(valid).map((key) => JSON.stringify({ ...valid, [key]: undefined })),
      ...Object.keys(valid).map((key) => JSON.stringify({ ...valid, [key]: 12 })),
      JSON.stringify({ ...valid, expiration: 'next Tuesday' }),
      // A time in milliseconds, as another program might write it, is not this cache's format.
      JSON.stringify({ ...valid, expiration: Date.parse('2030-06-15T13:00:00Z') }),
    ];
    for (const text of broken) {
      expect(await readCachedCredentials(await fileHolding(text), clock), text).toBeUndefined();
    }
  });
});

describe('cachedCredentials', () => {
  it('answers from the cache without fetching while the credentials are reusable', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'role.json');
    await writeCachedCredentials(file, credentials(60 * MINUTE, 'ASIACACHED'));
    let fetches = 0;
    const fetch = async () => {
      fetches++;
      return credentials(60 * MINUTE, 'ASIAFETCHED');
    };
    expect((await cachedCredentials(file, clock, fetch)).accessKeyId).toBe('ASIACACHED');
    expect(fetches).toBe(0);
  });

  it('answers from the cache while another process holds the fetch lock', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'role.json');
    await writeCachedCredentials(file, credentials(60 * MINUTE, 'ASIACACHED'));
    // Held by a live process (this one): a fetch would wait for it.
    await writeFile(`${file}.lock`, `${process.pid}\n`);
    // Counted, not only thrown: a fetch whose failure the cache caught would not show otherwise.
    let fetches = 0;
    const fetch = () => {
      fetches++;
      return Promise.reject(new Error('fetched'));
    };
    expect((await cachedCredentials(file, clock, fetch)).accessKeyId).toBe('ASIACACHED');
    expect(fetches).toBe(0);
  });

  it('fetches when nothing reusable is cached, and caches what it fetched', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'new', 'role.json');
    let fetches = 0;
    const fetch = async () => credentials(60 * MINUTE, `ASIAFETCH${++fetches}`);
    expect((await cachedCredentials(file, clock, fetch)).accessKeyId).toBe('ASIAFETCH1');
    expect((await readCachedCredentials(file, clock))?.accessKeyId).toBe('ASIAFETCH1');
    expect((await stat(dirname(file))).mode & 0o777).toBe(0o700);
    // No lock file is left behind.
    expect(await readdir(dirname(file))).toEqual(['role.json']);

    await writeCachedCredentials(file, credentials(10 * MINUTE, 'ASIANEARLYEXPIRED'));
    expect((await cachedCredentials(file, clock, fetch)).accessKeyId).toBe('ASIAFETCH2');
    expect(fetches).toBe(2);
  });

  it('shares one fetch between callers that start together', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'role.json');
    let fetches = 0;
    const fetch = async () => credentials(60 * MINUTE, `ASIAFETCH${++fetches}`);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cachedCredentials(file, clock, fetch)));
    expect(fetches).toBe(1);
    expect(new Set(answers.map((answer) => answer.accessKeyId))).toEqual(new Set(['ASIAFETCH1']));
  });

  it('passes a failed fetch on and caches nothing', async () => {
    const file = join(await tempFolder('sso-tui-credcache-'), 'role.json');
    const failure = new Error('GetRoleCredentials refused');
    await expect(cachedCredentials(file, clock, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await readdir(dirname(file))).toEqual([]);
  });
});

describe('a session’s cached credentials', () => {
  async function cacheRoles(state: string, session: SsoSession, expiries: number[]): Promise<void> {
    for (const [index, expiresInMs] of expiries.entries()) {
      const file = credentialCacheFile(state, session, '111111111111', `Role${index}`);
      await writeCachedCredentials(file, credentials(expiresInMs));
    }
  }

  it('are counted, all and still reusable, ignoring what is not a cache file', async () => {
    const state = await tempFolder('sso-tui-credcache-');
    expect(await countCachedCredentials(state, SESSION, clock)).toEqual({ total: 0, reusable: 0 });
    await cacheRoles(state, SESSION, [60 * MINUTE, 20 * MINUTE, 5 * MINUTE]);
    await cacheRoles(state, { ...SESSION, name: 'home' }, [60 * MINUTE]);
    const folder = credentialCacheFolder(state, SESSION);
    await writeFile(join(folder, 'notes.txt'), 'not a cache file');
    await writeFile(join(folder, 'role.json.lock'), String(process.pid));
    expect(await countCachedCredentials(state, SESSION, clock)).toEqual({ total: 3, reusable: 2 });
  });

  it('go on logout, and only that session’s', async () => {
    const state = await tempFolder('sso-tui-credcache-');
    const home = { ...SESSION, name: 'home' };
    await cacheRoles(state, SESSION, [60 * MINUTE, 60 * MINUTE]);
    await cacheRoles(state, home, [60 * MINUTE]);
    await deleteSessionCredentials(state, SESSION);
    await expect(stat(credentialCacheFolder(state, SESSION))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await countCachedCredentials(state, home, clock)).toEqual({ total: 1, reusable: 1 });
    // Nothing cached is nothing to delete, not an error.
    await deleteSessionCredentials(state, SESSION);
    await mkdir(join(state, 'unrelated'));
    expect((await readdir(state)).sort()).toEqual(['credentials', 'unrelated']);
  });
});
