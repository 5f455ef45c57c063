import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCacheFile, readListCache, writeListCache } from '../../source/services/listCache.js';
import { tempFolder } from '../support/tempFolders.js';

const session = {
  name: 'work',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: [],
};

describe('list cache', () => {
  it('round-trips accounts and roles per session, mode 0600', async () => {
    const file = listCacheFile(await tempFolder('sso-tui-lists-'), session);
    const lists = {
      accounts: [{ accountId: '123456789012', accountName: 'prod', emailAddress: 'a@example.com' }],
      roles: new Map([['123456789012', ['AdministratorAccess', 'ReadOnlyAccess']]]),
    };
    await writeListCache(file, lists);
    expect(await readListCache(file)).toEqual(lists);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps role lists only for the accounts whose roles were listed, in account order', async () => {
    const file = listCacheFile(await tempFolder('sso-tui-lists-'), session);
    const account = (accountId: string) => ({ accountId, accountName: `n${accountId}`, emailAddress: '' });
    const accounts = [account('222222222222'), account('111111111111'), account('333333333333')];
    await writeListCache(file, {
      accounts,
      roles: new Map([
        ['111111111111', ['Admin']],
        ['999999999999', ['Gone']],
        ['222222222222', ['Admin', 'Dev']],
      ]),
    });
    const lists = await readListCache(file);
    expect(lists?.accounts).toEqual(accounts);
    expect([...(lists?.roles ?? [])]).toEqual([
      ['222222222222', ['Admin', 'Dev']],
      ['111111111111', ['Admin']],
    ]);
  });

  it('round-trips an organization bigger than one chunk of the file', async () => {
    const file = listCacheFile(await tempFolder('sso-tui-lists-'), session);
    const accounts = Array.from({ length: 2_500 }, (_, index) => ({
      accountId: String(index).padStart(12, '0'),
      accountName: `team-${index}`,
      emailAddress: `aws+team-${index}@example.com`,
    }));
    const roles = new Map(
      accounts.filter((_, index) => index % 3 === 0).map((account) => [account.accountId, ['Admin']]),
    );
    await writeListCache(file, { accounts, roles });
    const lists = await readListCache(file);
    expect(lists?.accounts).toEqual(accounts);
    expect(lists?.roles).toEqual(roles);
    // Written in lines, so no reader holds the whole file as one string.
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('treats a missing, corrupt, truncated or foreign file as no cache', async () => {
    const file = listCacheFile(await tempFolder('sso-tui-lists-'), session);
    expect(await readListCache(file)).toBeUndefined();
    await mkdir(dirname(file), { recursive: true });
    const one = '{"accountId":"123456789012","accountName":"a","emailAddress":""}';
    const header = (accounts: number) => `{"version":2,"accounts":${accounts}}`;
    const cases = [
      'not json',
      `${header(1)}\n{"accounts":[{"accountId":1}],"roles":[null]}\n`,
      // Role lists that do not line up with the accounts.
      `${header(1)}\n{"accounts":[${one}],"roles":[]}\n`,
      // Fewer accounts than the header says: a file cut short.
      `${header(2)}\n{"accounts":[${one}],"roles":[null]}\n`,
      // The first version's format.
      `{"version":1,"accounts":[${one}],"roles":{}}`,
    ];
    for (const text of cases) {
      await writeFile(file, text);
      expect(await readListCache(file), text).toBeUndefined();
    }
    await writeFile(file, `${header(1)}\n{"accounts":[${one}],"roles":[["Admin"]]}`);
    expect((await readListCache(file))?.roles.get('123456789012')).toEqual(['Admin']);
  });
});
