import { describe, expect, test } from 'vitest';
import { generateOrganization } from '../../source/simulator/index.js';

const ROLE_POOL = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'Billing',
  'DeveloperAccess',
  'SecurityAudit',
  'DataScientist',
  'NetworkAdministrator',
  'SupportUser',
];

describe('generateOrganization', () => {
  test('the same seed gives the same organization, another seed another one', () => {
    const a = generateOrganization({ accounts: 500, seed: 42 });
    const b = generateOrganization({ accounts: 500, seed: 42 });
    const c = generateOrganization({ accounts: 500, seed: 43 });
    expect(b).toEqual(a);
    expect(c.accounts.map((account) => account.accountId)).not.toEqual(
      a.accounts.map((account) => account.accountId),
    );
    expect(generateOrganization({ accounts: 10 })).toEqual(generateOrganization({ accounts: 10, seed: 1 }));
  });

  test('a smaller organization is a prefix of a larger one with the same seed', () => {
    const small = generateOrganization({ accounts: 50, seed: 3 });
    const large = generateOrganization({ accounts: 200, seed: 3 });
    expect(large.accounts.slice(0, 50)).toEqual(small.accounts);
  });

  test('100,000 accounts: ids, names and emails all unique and well-formed', () => {
    const { accounts } = generateOrganization({ accounts: 100_000, seed: 9 });
    expect(accounts).toHaveLength(100_000);
    expect(new Set(accounts.map((account) => account.accountId)).size).toBe(100_000);
    expect(new Set(accounts.map((account) => account.accountName)).size).toBe(100_000);
    expect(new Set(accounts.map((account) => account.emailAddress)).size).toBe(100_000);
    // One assertion over the whole list: 300,000 separate expects would take seconds.
    const malformed = accounts.filter(
      (account) =>
        !/^\d{12}$/.test(account.accountId) ||
        !/^[a-z]+(-[a-z]+)*(-\d{2,})?$/.test(account.accountName) ||
        account.emailAddress !== `aws+${account.accountName}@example.com`,
    );
    expect(malformed).toEqual([]);
  });

  test('names look like a real organization: landing-zone accounts, then team-environment', () => {
    const { accounts } = generateOrganization({ accounts: 600 });
    const names = accounts.map((account) => account.accountName);
    expect(names.slice(0, 2)).toEqual(['management', 'log-archive']);
    for (const environment of ['prod', 'staging', 'dev', 'sandbox', 'qa']) {
      expect(names.some((name) => name.endsWith(`-${environment}`))).toBe(true);
    }
    expect(names.some((name) => /^payments-/.test(name))).toBe(true);
    expect(names.some((name) => /-\d{2}$/.test(name))).toBe(true);
  });

  test('each account has 2 to 6 distinct roles from the pool', () => {
    for (const account of generateOrganization({ accounts: 2000, seed: 5 }).accounts) {
      expect(account.roles.length).toBeGreaterThanOrEqual(2);
      expect(account.roles.length).toBeLessThanOrEqual(6);
      expect(new Set(account.roles).size).toBe(account.roles.length);
      for (const role of account.roles) expect(ROLE_POOL).toContain(role);
    }
  });

  test('production accounts hand out fewer write roles than development ones', () => {
    const { accounts } = generateOrganization({ accounts: 5000, seed: 11 });
    const adminShare = (suffix: string) => {
      const matching = accounts.filter((account) =>
        account.accountName.replace(/-\d+$/, '').endsWith(suffix),
      );
      return (
        matching.filter((account) => account.roles.includes('AdministratorAccess')).length / matching.length
      );
    };
    expect(adminShare('-prod')).toBeLessThan(adminShare('-dev') / 2);
  });
});
