/**
 * The accounts whose role lists are still to fetch, in the order to fetch them, which may change while the
 * listing runs: the accounts the user can see, then those the query matches, go ahead of the rest (the
 * starting order puts favorites and recent picks first). Workers take one account at a time.
 */
export class AccountQueue {
  /** Insertion-ordered: the starting order, less what has been taken. */
  private readonly waiting: Set<string>;
  private preferred: readonly string[] = [];
  private preferredAt = 0;

  constructor(accountIds: Iterable<string>) {
    this.waiting = new Set(accountIds);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The next account to fetch, or undefined once none is left. */
  take(): string | undefined {
    while (this.preferredAt < this.preferred.length) {
      const id = this.preferred[this.preferredAt++]!;
      if (this.waiting.delete(id)) return id;
    }
    const first = this.waiting.values().next();
    if (first.done) return undefined;
    this.waiting.delete(first.value);
    return first.value;
  }

  /** Puts these accounts (those still waiting), in this order, ahead of the others; replaces the last call's. */
  prefer(accountIds: readonly string[]): void {
    this.preferred = accountIds;
    this.preferredAt = 0;
  }
}
