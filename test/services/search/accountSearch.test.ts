import { describe, expect, it } from 'vitest';
import { createAccountSearch, type SearchHit } from '../../../source/services/search/accountSearch.js';
import type { Account } from '../../../source/services/portal.js';
import { generateOrganization } from '../../../source/simulator/organization.js';

const organization = generateOrganization({ accounts: 300 });
/** An account whose email says something its name does not, as in most real organizations. */
const research: Account = {
  accountId: '000000000042',
  accountName: 'zeta-research',
  emailAddress: 'cloud-ops-team@corp.example',
};
const accounts: Account[] = [
  ...organization.accounts.map(({ accountId, accountName, emailAddress }) => ({
    accountId,
    accountName,
    emailAddress,
  })),
  research,
];
const roles = new Map(organization.accounts.map((account) => [account.accountId, account.roles]));
const search = createAccountSearch(accounts, roles);

function label(hit: SearchHit): string {
  return hit.row.kind === 'role'
    ? `${hit.row.account.accountName}/${hit.row.roleName}`
    : hit.row.account.accountName;
}

function top(query: string, count: number): string[] {
  return search.search(query).slice(0, count).map(label);
}

describe('createAccountSearch', () => {
  it('gives every account, in order, for an empty query', () => {
    const hits = search.search('   ');
    expect(hits.map((hit) => hit.row.account)).toEqual(accounts);
    expect(hits.every((hit) => hit.row.kind === 'account')).toBe(true);
  });

  it('lists pinned rows first, then every account not pinned as an account, sharing the plain hits', () => {
    const starred = accounts[7]!;
    const picked = accounts[3]!;
    const hits = search.listed([
      { kind: 'account', account: starred },
      { kind: 'role', account: picked, roleName: 'ReadOnlyAccess' },
    ]);
    expect(hits.slice(0, 3).map(label)).toEqual([
      starred.accountName,
      `${picked.accountName}/ReadOnlyAccess`,
      accounts[0]!.accountName,
    ]);
    expect(hits).toHaveLength(accounts.length + 1);
    const all = hits.slice();
    expect(all.filter((hit) => hit.row.account === starred)).toHaveLength(1);
    // A role pick does not take its account out of the list.
    expect(all.filter((hit) => hit.row.account === picked)).toHaveLength(2);
    expect(all.slice(2).map((hit) => hit.row.account)).toEqual(
      accounts.filter((account) => account !== starred),
    );
    expect(hits.at(-1)!.row.account).toBe(accounts.at(-1));
    // The accounts' hits are made once per account list, shared by every listing and search of it.
    const plain = search.listed([]);
    expect(search.listed([])).toBe(plain);
    expect(hits.at(2)).toBe(plain.at(0));
    expect(hits.at(9)).toBe(plain.at(8));
    expect(createAccountSearch(accounts, new Map()).listed([]).at(8)).toBe(plain.at(8));
  });

  it('ranks the account with the exact name first, then its numbered namesakes', () => {
    expect(top('fraud-detection-prod', 3)).toEqual([
      'fraud-detection-prod',
      'fraud-detection-prod-02',
      'fraud-detection-prod-03',
    ]);
  });

  it('ranks the account whose id is typed exactly first, alone', () => {
    const target = accounts[123]!;
    const hits = search.search(target.accountId);
    expect(hits[0]?.row).toEqual({ kind: 'account', account: target });
    expect(hits[0]?.matches.accountId).toEqual([[0, 11]]);
  });

  it('finds an account by a part of its email address', () => {
    const hits = search.search('cloud-ops');
    expect(hits.map(label)).toEqual(['zeta-research']);
    expect(hits[0]?.matches.emailAddress).toEqual([[0, 8]]);
  });

  it('tolerates typos', () => {
    expect(top('fraud-detcetion-sandbox', 1)).toEqual(['fraud-detection-sandbox']);
    expect(top('invnetory', 1)[0]).toMatch(/^inventory-/);
  });

  it('finds abbreviations, as typed into a fuzzy finder', () => {
    expect(top('pay prd', 1)).toEqual(['payments-prod']);
    const [hit] = search.search('pay prd');
    expect(hit!.matches.accountName).toEqual([
      [0, 2],
      [9, 10],
      [12, 12],
    ]);
    expect(top('analytics-prod secaud', 1)).toEqual(['analytics-prod/SecurityAudit']);
  });

  it('ranks an abbreviation of a role above a typo that fits another: `prod admn` is about administrators', () => {
    const rows = top('prod admn', 10);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatch(/-prod(-\d\d)?\/(AdministratorAccess|NetworkAdministrator)$/);
  });

  it('puts the AdministratorAccess roles of the prod accounts on top of `prod admin`', () => {
    const expected = organization.accounts
      .filter((account) => /-prod(-\d\d)?$/.test(account.accountName))
      .filter((account) => account.roles.includes('AdministratorAccess'))
      .map((account) => `${account.accountName}/AdministratorAccess`);
    expect(expected.length).toBeGreaterThan(3);
    expect(new Set(top('prod admin', expected.length))).toEqual(new Set(expected));
  });

  it('needs every word to match the row, and a role row needs a word to match its role', () => {
    const hits = search.search('analytics-prod security');
    expect(hits.map(label)).toContain('analytics-prod/SecurityAudit');
    for (const hit of hits) {
      expect(hit.row.kind).toBe('role');
      if (hit.row.kind === 'role') expect(hit.row.roleName).toBe('SecurityAudit');
    }
    expect(search.search('fraud-detection-prod').every((hit) => hit.row.kind === 'account')).toBe(true);
  });

  it('reports the matched characters of each field for highlighting', () => {
    const [hit] = search.search('analytics-prod admin');
    expect(label(hit!)).toBe('analytics-prod/AdministratorAccess');
    expect(hit!.matches.accountName).toEqual([[0, 13]]);
    expect(hit!.matches.roleName).toEqual([[0, 4]]);
  });

  it('prefers a word that starts a name part to one buried inside a word', () => {
    const names = search.search('prod').map(label);
    const firstPreprod = names.findIndex((name) => name.includes('preprod'));
    const lastProd = names.findLastIndex((name) => /-prod(-\d\d)?$/.test(name));
    expect(firstPreprod).toBeGreaterThan(0);
    expect(lastProd).toBeLessThan(firstPreprod);
  });

  it('answers a query typed letter by letter exactly as the same query typed at once', () => {
    const typed = createAccountSearch(accounts, roles);
    const query = 'payments-prod read';
    let last: readonly SearchHit[] = [];
    for (let length = 1; length <= query.length; length++) last = typed.search(query.slice(0, length));
    const fresh = createAccountSearch(accounts, roles).search(query);
    expect(last.map(label)).toEqual(fresh.map(label));
    expect(fresh.length).toBeGreaterThan(0);
  });

  it('answers as a fresh search does while role lists arrive batch by batch, the words typed shared between them', () => {
    const sharedList = [...accounts];
    const entries = [...roles];
    const typed = [
      'p',
      'pr',
      'pro',
      'prod',
      'prod a',
      'prod ad',
      'prod admin',
      'prod admn',
      'rese',
      'zeta r',
    ];
    let known = new Map<string, readonly string[]>();
    for (let batch = 0; batch * 60 < entries.length; batch++) {
      known = new Map([...known, ...entries.slice(batch * 60, (batch + 1) * 60)]);
      // The screen's search after a batch: the same account list, so the words matched before are kept.
      const screen = createAccountSearch(sharedList, known);
      // A search over a list of its own, with nothing typed before.
      const fresh = createAccountSearch([...accounts], known);
      for (const query of typed.slice(batch % 3)) {
        expect(screen.search(query).map(label), `${query} after batch ${batch}`).toEqual(
          fresh.search(query).map(label),
        );
      }
    }
  });

  it('ranks the same rows for the screen, making each hit only when read and the same object each time', () => {
    const fresh = createAccountSearch(accounts, roles);
    for (const query of ['p', 'prod admin', 'cloud-ops', 'zzzz']) {
      const rows = fresh.ranked(query);
      const all = fresh.search(query);
      expect(rows.length).toBe(all.length);
      expect(rows.slice().map(label)).toEqual(all.map(label));
      expect(rows.slice().map((hit) => hit.score)).toEqual(all.map((hit) => hit.score));
      expect(rows.slice(2, 5).map(label)).toEqual(all.slice(2, 5).map(label));
      expect(rows.slice(-3).map(label)).toEqual(all.slice(-3).map(label));
      expect(rows.at(rows.length)).toBeUndefined();
      expect(rows.at(-rows.length - 1)).toBeUndefined();
      if (rows.length === 0) continue;
      expect(label(rows.at(-1)!)).toBe(label(all.at(-1)!));
      expect(rows.at(0)).toBe(rows.at(0));
      expect(rows.slice(0, 1)[0]).toBe(rows.at(0));
      expect(rows.at(0)!.matches).toEqual(all[0]!.matches);
    }
    // An empty query is the list of plain hits.
    expect(fresh.ranked(' ')).toBe(fresh.listed([]));
    expect(fresh.ranked(' ').slice().map(label)).toEqual(fresh.search('').map(label));
  });
});
