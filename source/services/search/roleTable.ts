import type { Account } from '../portal.js';

const NO_ROLES: readonly string[] = [];

/**
 * The role lists as numbers: each distinct role name once, and every account × role pair numbered in
 * account order, so a keystroke walks flat arrays instead of a map of string lists.
 */
export class RoleTable {
  readonly names: string[];
  /** The pairs of account `a` are numbered pairStarts[a] up to pairStarts[a + 1]. */
  private readonly pairStarts: Int32Array;
  private readonly pairRoles: Int32Array;
  private readonly pairAccounts: Int32Array;

  constructor(accounts: readonly Account[], rolesByAccount: ReadonlyMap<string, readonly string[]>) {
    // Made again for each batch of role lists while they load (a second at 100,000 accounts), so in plain
    // loops; the lists are pooled (one array for every account with the same roles), so each distinct
    // list's role numbers are worked out once.
    const count = accounts.length;
    const lists = new Array<readonly string[]>(count);
    this.pairStarts = new Int32Array(count + 1);
    let pairs = 0;
    for (let account = 0; account < count; account++) {
      const roles = rolesByAccount.get(accounts[account]!.accountId) ?? NO_ROLES;
      lists[account] = roles;
      pairs += roles.length;
      this.pairStarts[account + 1] = pairs;
    }
    this.pairRoles = new Int32Array(pairs);
    this.pairAccounts = new Int32Array(pairs);
    const ids = new Map<string, number>();
    const numbered = new Map<readonly string[], Int32Array>();
    for (let account = 0; account < count; account++) {
      const roles = lists[account]!;
      if (roles.length === 0) continue;
      let roleIds = numbered.get(roles);
      if (!roleIds) {
        roleIds = new Int32Array(roles.length);
        for (let offset = 0; offset < roles.length; offset++) {
          let id = ids.get(roles[offset]!);
          if (id === undefined) ids.set(roles[offset]!, (id = ids.size));
          roleIds[offset] = id;
        }
        numbered.set(roles, roleIds);
      }
      this.pairRoles.set(roleIds, this.pairStarts[account]!);
      this.pairAccounts.fill(account, this.pairStarts[account]!, this.pairStarts[account + 1]!);
    }
    this.names = [...ids.keys()];
  }

  get accountCount(): number {
    return this.pairStarts.length - 1;
  }

  get pairCount(): number {
    return this.pairRoles.length;
  }

  firstPair(account: number): number {
    return this.pairStarts[account]!;
  }

  endPair(account: number): number {
    return this.pairStarts[account + 1]!;
  }

  roleOfPair(pair: number): number {
    return this.pairRoles[pair]!;
  }

  accountOfPair(pair: number): number {
    return this.pairAccounts[pair]!;
  }
}
