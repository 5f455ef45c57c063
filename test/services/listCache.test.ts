import { mkdtemp, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCacheFile, readListCache, writeListCache } from '../../source/services/listCache.js';

const session = {
  name: 'work',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};

describe('list cache', () => {
  it('round-trips accounts and roles per session, mode 0600', async () => {
    const file = listCacheFile(await mkdtemp(join(tmpdir(), 'sso-tui-lists-')), session);
    const lists = {
      accounts: [{ accountId: '123456789012', accountName: 'prod', emailAddress: 'a@example.com' }],
      roles: new Map([['123456789012', ['AdministratorAccess', 'ReadOnlyAccess']]]),
    };
    await writeListCache(file, lists);
    expect(await readListCache(file)).toEqual(lists);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('treats a missing, corrupt or foreign file as no cache', async () => {
    const file = listCacheFile(await mkdtemp(join(tmpdir(), 'sso-tui-lists-')), session);
    expect(await readListCache(file)).toBeUndefined();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"version":1,"accounts":[{"accountId":1}],"roles":{}}');
    expect(await readListCache(file)).toBeUndefined();
    await writeFile(file, 'not json');
    expect(await readListCache(file)).toBeUndefined();
  });
});
