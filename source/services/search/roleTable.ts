import type { Account } from '../portal.js';

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
    const lists = accounts.map((account) => rolesByAccount.get(account.accountId) ?? []);
    this.pairStarts = new Int32Array(accounts.length + 1);
    lists.forEach(
      (roles, account) => (this.pairStarts[account + 1] = this.pairStarts[account]! + roles.length),
    );
    this.pairRoles = new Int32Array(this.pairStarts[accounts.length]!);
    this.pairAccounts = new Int32Array(this.pairRoles.length);
    const ids = new Map<string, number>();
    lists.forEach((roles, account) => {
      roles.forEach((roleName, offset) => {
        let id = ids.get(roleName);
        if (id === undefined) ids.set(roleName, (id = ids.size));
        this.pairRoles[this.pairStarts[account]! + offset] = id;
        this.pairAccounts[this.pairStarts[account]! + offset] = account;
      });
    });
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
