import type { Account } from './portal.js';
import { TermMatcher, type HitTable, type MatchRange, type TermHit } from './termMatcher.js';

export type { MatchRange } from './termMatcher.js';

/** A row of the accounts screen: an account, or one of its roles once the account's role list is known. */
export type SearchRow =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'role'; readonly account: Account; readonly roleName: string };

export type SearchField = 'accountName' | 'accountId' | 'emailAddress' | 'roleName';
export type FieldMatches = Partial<Record<SearchField, readonly MatchRange[]>>;

export interface SearchHit {
  readonly row: SearchRow;
  /** 0 is a perfect match; hits come sorted by it, best first. */
  readonly score: number;
  /** The characters to highlight, per field. */
  readonly matches: FieldMatches;
}

export interface AccountSearch {
  /** Every row matching every word of `query`, best first; an empty query gives the accounts in order. */
  search(query: string): SearchHit[];
}

type AccountField = 'accountName' | 'accountId' | 'emailAddress';

interface RoleItem {
  readonly roleName: string;
}

/**
 * The matcher (and its Fuse index) of an account list, shared by every search over that same list: role
 * lists arrive in batches while the user types, and each batch makes a new search over the same accounts.
 */
const accountMatchers = new WeakMap<readonly Account[], TermMatcher<Account, AccountField>>();

function accountMatcherFor(accounts: readonly Account[]): TermMatcher<Account, AccountField> {
  let matcher = accountMatchers.get(accounts);
  if (!matcher) {
    matcher = new TermMatcher<Account, AccountField>(accounts, {
      exactFields: ['accountId'],
      fuzzyFields: ['accountName', 'emailAddress'],
    });
    accountMatchers.set(accounts, matcher);
  }
  return matcher;
}

interface WordHits {
  readonly accounts: HitTable<TermHit<AccountField>>;
  /** Accounts holding the word as a substring: the only ones that can hold a longer word starting with it. */
  readonly exactAccounts: readonly number[];
  readonly roles: ReadonlyMap<string, TermHit<'roleName'>>;
}

/** One letter is too little to pick roles by: it would list nearly every account × role pair. */
const ROLE_WORD_MIN_LENGTH = 2;
/** Whole answers kept for Backspace, which brings back the query typed just before. */
const ANSWER_CACHE_SIZE = 8;
/** Words typed recently; a query grows one letter at a time, so most words of it were seen before. */
const WORD_CACHE_SIZE = 24;

/**
 * Fuzzy search over accounts (name, id, email) and, for accounts whose roles are known, account × role
 * pairs. Every word of the query must match the row somewhere, so `prod admin` finds the
 * AdministratorAccess role of the prod accounts; a role row appears only when a word matched its role
 * and not its account.
 */
export function createAccountSearch(
  accounts: readonly Account[],
  rolesByAccount: ReadonlyMap<string, readonly string[]> = new Map(),
): AccountSearch {
  const accountMatcher = accountMatcherFor(accounts);
  const roleItems = [...new Set([...rolesByAccount.values()].flat())].map((roleName) => ({ roleName }));
  const roleMatcher = new TermMatcher<RoleItem, 'roleName'>(roleItems, {
    exactFields: [],
    fuzzyFields: ['roleName'],
  });
  const cache = new Map<string, WordHits>();
  const accountRows: SearchRow[] = accounts.map((account) => ({ kind: 'account', account }));

  function wordHits(word: string): WordHits {
    const cached = cache.get(word);
    if (cached) return cached;
    const prefix = longestCachedPrefix(cache, word);
    const { hits, exact } = accountMatcher.match(word, prefix?.exactAccounts);
    const roleHits = word.length >= ROLE_WORD_MIN_LENGTH ? roleMatcher.match(word).hits : new Map();
    const result: WordHits = {
      accounts: hits,
      exactAccounts: exact,
      roles: new Map([...roleHits].map(([index, hit]) => [roleItems[index]!.roleName, hit])),
    };
    if (cache.size >= WORD_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(word, result);
    return result;
  }

  const answers = new Map<string, SearchHit[]>();

  return {
    search(query) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return accountRows.map((row) => ({ row, score: 0, matches: {} }));
      const key = words.join(' ');
      const answered = answers.get(key);
      if (answered) return answered;
      const perWord = words.map(wordHits);
      const found = new FoundRows();
      addAccountRows(found, accountRows, perWord);
      addRoleRows(found, accounts, rolesByAccount, perWord);
      const ranked = found.ranked();
      if (answers.size >= ANSWER_CACHE_SIZE) answers.delete(answers.keys().next().value as string);
      answers.set(key, ranked);
      return ranked;
    },
  };
}

const SCORE_STEPS = 1_000_000;
/** Positions up to this bound fit beside the score in a double's 53 exact bits. */
const MAX_POSITION = 2 ** 32;

/**
 * Hits in the order found (accounts in list order, then their roles), sorted by score with that order
 * breaking ties. Each hit's key packs both into one number, so the sort is a typed array's native numeric
 * sort: objects compared in JavaScript cost ~15 ms at 10,000 hits.
 */
class FoundRows {
  private readonly hits: SearchHit[] = [];
  private readonly keys: number[] = [];

  add(hit: SearchHit): void {
    const score = Math.min(SCORE_STEPS - 1, Math.round(hit.score * SCORE_STEPS));
    this.keys.push(score * MAX_POSITION + this.hits.length);
    this.hits.push(hit);
  }

  ranked(): SearchHit[] {
    const sorted = Float64Array.from(this.keys).sort();
    const ranked = new Array<SearchHit>(sorted.length);
    for (let index = 0; index < sorted.length; index++)
      ranked[index] = this.hits[sorted[index]! % MAX_POSITION]!;
    return ranked;
  }
}

function longestCachedPrefix(cache: ReadonlyMap<string, WordHits>, word: string): WordHits | undefined {
  for (let length = word.length - 1; length > 0; length--) {
    const hits = cache.get(word.slice(0, length));
    if (hits) return hits;
  }
  return undefined;
}

/** Accounts that every word matched; the rarest word's hits are the smallest set to walk. */
function addAccountRows(found: FoundRows, rows: readonly SearchRow[], perWord: readonly WordHits[]): void {
  const [rarest] = [...perWord].sort((a, b) => a.accounts.size - b.accounts.size);
  if (perWord.length === 1) {
    for (const [index, hit] of rarest!.accounts) found.add(new RowHit(rows[index]!, hit.score, [hit]));
    return;
  }
  for (const index of rarest!.accounts.keys()) {
    let total = 0;
    const parts: TermHit<SearchField>[] = [];
    for (const word of perWord) {
      const hit = word.accounts.get(index);
      if (!hit) break;
      total += hit.score;
      parts.push(hit);
    }
    if (parts.length < perWord.length) continue;
    found.add(new RowHit(rows[index]!, total / perWord.length, parts));
  }
}

/**
 * Account × role pairs where every word matched the account or the role, and at least one matched the
 * role only (otherwise the account row already says it all: `aud` lists the audit account, not its
 * SecurityAudit role too).
 */
function addRoleRows(
  found: FoundRows,
  accounts: readonly Account[],
  rolesByAccount: ReadonlyMap<string, readonly string[]>,
  perWord: readonly WordHits[],
): void {
  if (perWord.every((word) => word.roles.size === 0)) return;
  for (let index = 0; index < accounts.length; index++) {
    const account = accounts[index]!;
    const roles = rolesByAccount.get(account.accountId) ?? [];
    for (let roleIndex = 0; roleIndex < roles.length; roleIndex++) {
      const roleName = roles[roleIndex]!;
      const hit = roleHit(perWord, index, roleName);
      if (hit) found.add(new RowHit({ kind: 'role', account, roleName }, hit.score, hit.parts));
    }
  }
}

function roleHit(
  perWord: readonly WordHits[],
  accountIndex: number,
  roleName: string,
): { score: number; parts: TermHit<SearchField>[] } | undefined {
  let total = 0;
  let roleMatched = false;
  const parts: TermHit<SearchField>[] = [];
  for (const word of perWord) {
    const onRole = word.roles.get(roleName);
    const onAccount = word.accounts.get(accountIndex);
    if (!onRole && !onAccount) return undefined;
    total += Math.min(onRole?.score ?? Infinity, onAccount?.score ?? Infinity);
    if (onRole) {
      if (!onAccount) roleMatched = true;
      parts.push(onRole);
    }
    if (onAccount) parts.push(onAccount);
  }
  return roleMatched ? { score: total / perWord.length, parts } : undefined;
}

/** A row found; the characters to highlight are worked out only when asked, for the rows on screen. */
class RowHit implements SearchHit {
  constructor(
    readonly row: SearchRow,
    readonly score: number,
    private readonly parts: readonly TermHit<SearchField>[],
  ) {}

  get matches(): FieldMatches {
    return mergeMatches(this.parts.map((part) => part.matches));
  }
}

function mergeMatches(all: readonly FieldMatches[]): FieldMatches {
  if (all.length === 1) return all[0]!;
  const merged: Partial<Record<SearchField, MatchRange[]>> = {};
  for (const matches of all) {
    for (const [field, ranges] of Object.entries(matches) as [SearchField, readonly MatchRange[]][]) {
      (merged[field] ??= []).push(...ranges);
    }
  }
  return merged;
}
