import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../source/services/stateStore.js';
import { tempFolder } from '../support/tempFolders.js';

async function stateStore(): Promise<StateStore> {
  return new StateStore({ folder: await tempFolder('sso-tui-state-') });
}

describe('the state store', () => {
  it('keeps client registrations across instances, in a 0600 file', async () => {
    const first = await stateStore();
    const registration = {
      clientId: 'id',
      clientSecret: 'secret',
      expiresAt: new Date(Date.UTC(2030, 0, 1)),
      scopes: ['sso:account:access'],
    };
    first.write('key', registration);
    const folder = join(first.path, '..');
    expect(new StateStore({ folder }).read('key')).toEqual(registration);
    expect(new StateStore({ folder }).read('other')).toBeUndefined();
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect(await readFile(first.path, 'utf8')).not.toContain('.aws');
  });

  it('records favorites, picks by frequency and recency, and profile names (role names with dots too)', async () => {
    const store = await stateStore();
    store.setFavorite('111111111111', true);
    store.setFavorite('222222222222', true);
    expect(store.setFavorite('111111111111', false).favorites).toEqual(['222222222222']);
    store.recordPick({ accountId: '1', roleName: 'Admin' }, new Date(1000));
    store.recordPick({ accountId: '2' }, new Date(2000));
    const picks = store.recordPick({ accountId: '1', roleName: 'Admin' }, new Date(3000));
    expect(picks.recents).toEqual([
      { accountId: '1', roleName: 'Admin', count: 2, lastPickedAt: new Date(3000).toISOString() },
      { accountId: '2', count: 1, lastPickedAt: new Date(2000).toISOString() },
    ]);
    expect(store.rememberProfileName('1', 'Ops.ReadOnly', 'ops').profileNames).toEqual({
      '1/Ops.ReadOnly': 'ops',
    });
  });
});
