import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoleTable } from '../../../source/services/search/roleTable.js';

/** The table read back: each account's role names, pair by pair, and the pairs' accounts. */
function readBack(table: RoleTable, accounts: number) {
  const lists: string[][] = [];
  for (let account = 0; account < accounts; account++) {
    const names: string[] = [];
    for (let pair = table.firstPair(account); pair < table.endPair(account); pair++) {
      expect(table.accountOfPair(pair)).toBe(account);
      names.push(table.names[table.roleOfPair(pair)]!);
    }
    lists.push(names);
  }
  return lists;
}

describe('the role table', () => {
  it('numbers every account × role pair in account order, each name once in the order first seen', () => {
    const name = fc.constantFrom('AdministratorAccess', 'ReadOnly', 'Billing', 'a', 'A', '');
    const list = fc.array(name, { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat({ max: 5 }), { nil: undefined }), { maxLength: 30 }),
        fc.array(list, { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (choices, shared, pooled) => {
          const accounts = choices.map((_, index) => ({
            accountId: String(index).padStart(12, '0'),
            accountName: `a${index}`,
            emailAddress: `a${index}@example.com`,
          }));
          // Pooled: accounts with the same roles share one array, as the listing keeps them; else each its own.
          const roles = new Map<string, readonly string[]>();
          choices.forEach((choice, index) => {
            if (choice !== undefined)
              roles.set(accounts[index]!.accountId, pooled ? shared[choice]! : [...shared[choice]!]);
          });
          const table = new RoleTable(accounts, roles);
          const expected = accounts.map((account) => [...(roles.get(account.accountId) ?? [])]);
          expect(readBack(table, accounts.length)).toEqual(expected);
          expect(table.names).toEqual([...new Set(expected.flat())]);
          expect(table.pairCount).toBe(expected.flat().length);
          expect(table.accountCount).toBe(accounts.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
