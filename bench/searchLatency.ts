import { createAccountSearch } from '../source/services/search/accountSearch.js';
import type { Account } from '../source/services/portal.js';
import { generateOrganization } from '../source/simulator/organization.js';
import { collectGarbage, summarize, type Summary } from './stats.js';
import { typingScript } from './typingScript.js';

export interface SearchLatency {
  readonly accounts: number;
  /** Keystrokes timed (every round of the script). */
  readonly keystrokes: number;
  readonly latency: Summary;
  /** The first search over a new list, which builds the index (lower-case texts, letter pairs, Fuse). */
  readonly indexBuildMs: number;
}

/** Rows the accounts screen draws; their highlights are worked out as part of a keystroke. */
const VISIBLE_ROWS = 20;
/**
 * Each round builds a new search over the same list, as each batch of role lists does in the program, so
 * no round answers from the previous round's caches.
 */
const ROUNDS = 5;

/**
 * The query after each keystroke of the typing bench's script (names, `prod admin` over account × role
 * pairs, typos, abbreviations, part of an id and of an email, Backspace), empty queries left out: clearing
 * the query is not a search (the screen lists the accounts in their pinned order), so it is not timed.
 */
export function keystrokes(accounts: readonly Account[]): string[] {
  return typingScript(accounts)
    .map((keystroke) => keystroke.query)
    .filter((query) => query !== '');
}

export function organizationLists(size: number): {
  accounts: Account[];
  roles: Map<string, readonly string[]>;
} {
  const organization = generateOrganization({ accounts: size, seed: 1 });
  return {
    accounts: organization.accounts.map(({ accountId, accountName, emailAddress }) => ({
      accountId,
      accountName,
      emailAddress,
    })),
    roles: new Map(organization.accounts.map((account) => [account.accountId, account.roles])),
  };
}

/** Keystroke to ranked results, with the visible rows' highlights, over `size` accounts with every role list known. */
export function measureSearch(size: number): SearchLatency {
  const { accounts, roles } = organizationLists(size);
  collectGarbage();
  const buildStart = performance.now();
  // A word with no substring hit takes the typo path, which builds the rest of the index.
  createAccountSearch(accounts, roles).search('zqxjw');
  const indexBuildMs = performance.now() - buildStart;

  const queries = keystrokes(accounts);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const search = createAccountSearch(accounts, new Map(roles));
    for (const query of queries) {
      const start = performance.now();
      // What the screen does: the ranking, then the hits and highlights of the rows it shows.
      const hits = search.ranked(query);
      for (const hit of hits.slice(0, VISIBLE_ROWS)) void hit.matches;
      samples.push(performance.now() - start);
    }
  }
  return { accounts: size, keystrokes: samples.length, latency: summarize(samples), indexBuildMs };
}
