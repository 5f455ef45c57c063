import { describe, expect, it } from 'vitest';
import { pinnedAccountIds, pinnedFirst } from '../../source/flow/picksOrder.js';
import type { Account } from '../../source/services/portal.js';

const account = (id: string): Account => ({ accountId: id, accountName: `name-${id}`, emailAddress: '' });
const accounts = ['1', '2', '3', '4', '5'].map(account);
const now = new Date('2030-06-15T12:00:00Z');
const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('pinnedFirst', () => {
  it('puts favorites first, then recent picks by frequency and recency, then the rest in order', () => {
    const rows = pinnedFirst(
      accounts,
      {
        favorites: ['4'],
        recents: [
          { accountId: '2', count: 3, lastPickedAt: daysAgo(30) },
          { accountId: '5', roleName: 'Admin', count: 2, lastPickedAt: daysAgo(0) },
          { accountId: '3', count: 1, lastPickedAt: daysAgo(1) },
          { accountId: 'gone', count: 9, lastPickedAt: daysAgo(0) },
        ],
        profileNames: {},
      },
      now,
    );
    expect(
      rows.map((row) =>
        row.kind === 'role' ? `${row.account.accountId}/${row.roleName}` : row.account.accountId,
      ),
    ).toEqual(['4', '5/Admin', '3', '2', '1', '5']);
  });

  it('gives the account ids to fetch roles for, pinned ones first, each once', () => {
    const ids = pinnedAccountIds(
      accounts,
      {
        favorites: ['3'],
        recents: [{ accountId: '3', roleName: 'R', count: 1, lastPickedAt: daysAgo(0) }],
        profileNames: {},
      },
      now,
    );
    expect(ids).toEqual(['3', '1', '2', '4', '5']);
  });
});
