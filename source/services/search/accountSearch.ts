import type { Account } from '../portal.js';
import { FoundRows, SCORE_STEPS } from './foundRows.js';
import { RoleTable } from './roleTable.js';
import type { RowList } from './rowList.js';
import { TermMatcher, type FieldRanges, type MatchRange, type WordMatch } from './termMatcher.js';

export type { MatchRange } from './termMatcher.js';
export type { RowList } from './rowList.js';

/** A row of the accounts screen: an account, or one of its roles once the account's role list is known. */
export type AccountOrRole =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'role'; readonly account: Account; readonly roleName: string };

export type SearchField = 'accountName' | 'accountId' | 'emailAddress' | 'roleName';
export type FieldMatches = Partial<Record<SearchField, readonly MatchRange[]>>;

export interface SearchHit {
  readonly row: AccountOrRole;
  /** 0 is a perfect match; hits come sorted by it, best first. */
  readonly score: number;
  /** The characters to highlight, per field. */
  readonly matches: FieldMatches;
}

export interface AccountSearch {
  /** Every row matching every word of `query`, best first; an empty query gives the accounts in order. */
  search(query: string): readonly SearchHit[];
  /**
   * The same rows as `search`, each hit made only when asked for, and the same object each time: what a
   * screen shows, which reads the rows of one window out of up to 100,000.
   */
  ranked(query: string): RowList<SearchHit>;
  /**
   * The rows of an empty query: `pinned` (favorites, recent picks) first, then every account not pinned as
   * an account row, in list order.
   */
  listed(pinned: readonly AccountOrRole[]): RowList<SearchHit>;
  /** Builds the indexes the first searches would build, ahead of the typing that needs them. */
  prepare(): void;
}

/** Nothing to highlight: one object shared by every hit of an empty query. */
const NO_MATCHES: FieldMatches = Object.freeze({});

type AccountField = 'accountName' | 'accountId' | 'emailAddress';

/** What every search over the same account list shares: its matcher, its rows and their plain hits. */
interface AccountIndex {
  readonly matcher: TermMatcher<Account, AccountField>;
  readonly rows: AccountRows;
  /** The empty query's rows when nothing is pinned. */
  readonly plain: ListedHits;
  /**
   * The words typed lately and the accounts each matched, for every search over these accounts: a batch of
   * role lists makes a new search, and the ranking after it would match every word of the query against
   * every account again (~40 ms of the ~80 a batch cost at 100,000 accounts), which roles do not change.
   */
  readonly words: Map<string, WordMatch<AccountField>>;
}

/**
 * Role lists arrive in batches while the user types, and each batch makes a new search over the same
 * accounts; they all use one index.
 */
const accountIndexes = new WeakMap<readonly Account[], AccountIndex>();

function accountIndexFor(accounts: readonly Account[]): AccountIndex {
  let index = accountIndexes.get(accounts);
  if (!index) {
    const rows = new AccountRows(accounts);
    index = {
      matcher: new TermMatcher<Account, AccountField>(accounts, {
        exactFields: ['accountId'],
        fuzzyFields: ['accountName', 'emailAddress'],
        abbreviatedFields: ['accountName'],
      }),
      rows,
      plain: new ListedHits(rows, []),
      words: new Map(),
    };
    accountIndexes.set(accounts, index);
  }
  return index;
}

/** The accounts `word` matches, from the words cached for these accounts where it or its start is there. */
function accountWordMatch(index: AccountIndex, word: string): WordMatch<AccountField> {
  const cached = index.words.get(word);
  if (cached) return cached;
  const match = index.matcher.match(word, longestCachedPrefix(index.words, word));
  remember(index.words, word, match);
  return match;
}

/** Keeps `value` for `word`, the oldest word forgotten once WORD_CACHE_SIZE are kept. */
function remember<Value>(cache: Map<string, Value>, word: string, value: Value): void {
  if (cache.size >= WORD_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(word, value);
}

interface WordHits {
  readonly accounts: WordMatch<AccountField>;
  /** Undefined for a word too short to pick roles by. */
  readonly roles: WordMatch<'roleName'> | undefined;
  /** Per role of the role table: the word's score on that role name, Infinity when it does not match. */
  readonly roleScores: Float64Array;
}

/** One letter is too little to pick roles by: it would list nearly every account × role pair. */
const ROLE_WORD_MIN_LENGTH = 2;
/** Whole answers kept for Backspace, which brings back the query typed just before. */
const ANSWER_CACHE_SIZE = 8;
/**
 * Only answers up to this many rows are kept: a one-letter query's answer over 100,000 accounts holds
 * 800 KB and the words it was made of, and is made again from the cached words in a few milliseconds.
 */
const ANSWER_CACHE_MAX_ROWS = 5_000;
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
  const accountIndex = accountIndexFor(accounts);
  const { matcher: accountMatcher, rows: accountRows, plain } = accountIndex;
  // Built on the first search, not here: a batch of role lists makes a new search, and the screen makes it
  // while drawing; the work belongs to the ranking that follows, not to the frame.
  let roleIndex: {
    readonly table: RoleTable;
    readonly matcher: TermMatcher<{ roleName: string }, 'roleName'>;
  };
  const roleIndexNow = (): NonNullable<typeof roleIndex> => {
    if (!roleIndex) {
      const table = new RoleTable(accounts, rolesByAccount);
      const matcher = new TermMatcher<{ roleName: string }, 'roleName'>(
        table.names.map((roleName) => ({ roleName })),
        { exactFields: [], fuzzyFields: ['roleName'] },
      );
      roleIndex = { table, matcher };
    }
    return roleIndex;
  };
  const words = new Map<string, WordHits>();
  const found = new FoundRows();

  function wordHits(word: string): WordHits {
    const cached = words.get(word);
    if (cached) return cached;
    const { table: roleTable, matcher: roleMatcher } = roleIndexNow();
    const prefix = longestCachedPrefix(words, word);
    const roles = word.length >= ROLE_WORD_MIN_LENGTH ? roleMatcher.match(word, prefix?.roles) : undefined;
    const roleScores = new Float64Array(roleTable.names.length).fill(Infinity);
    roles?.indexes.forEach((role, position) => (roleScores[role] = roles.scores[position]!));
    const hits: WordHits = { accounts: accountWordMatch(accountIndex, word), roles, roleScores };
    remember(words, word, hits);
    return hits;
  }

  const answers = new Map<string, RankedHits>();

  function ranked(query: string): RankedHits | ListedHits {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return plain;
    const key = terms.join(' ');
    const answered = answers.get(key);
    if (answered) return answered;
    const perWord = terms.map(wordHits);
    const roleTable = roleIndexNow().table;
    found.clear();
    addAccountRows(found, perWord);
    addRoleRows(found, roleTable, perWord);
    const answer = new RankedHits({ perWord, accounts, accountRows, roleTable }, found.ranked());
    if (answer.length > ANSWER_CACHE_MAX_ROWS) return answer;
    if (answers.size >= ANSWER_CACHE_SIZE) answers.delete(answers.keys().next().value as string);
    answers.set(key, answer);
    return answer;
  }

  return {
    search(query) {
      return ranked(query).all();
    },
    ranked,
    prepare() {
      accountMatcher.prepare();
      roleIndexNow().matcher.prepare();
    },
    listed(pinned) {
      return pinned.length === 0 ? plain : new ListedHits(accountRows, pinned);
    },
  };
}

function longestCachedPrefix<Value>(cache: ReadonlyMap<string, Value>, word: string): Value | undefined {
  for (let length = word.length - 1; length > 0; length--) {
    const hits = cache.get(word.slice(0, length));
    if (hits) return hits;
  }
  return undefined;
}

/** Accounts that every word matched: the rarest word's hits, checked against the others in one merge walk. */
function addAccountRows(found: FoundRows, perWord: readonly WordHits[]): void {
  const matches = perWord.map((word) => word.accounts);
  const rarest = matches.reduce((a, b) => (b.size < a.size ? b : a));
  const walk = new MergeWalk(matches);
  for (let position = 0; position < rarest.size; position++) {
    const index = rarest.indexes[position]!;
    let total = 0;
    for (let word = 0; word < matches.length && total !== Infinity; word++) {
      total += walk.scoreOf(word, index);
    }
    if (total !== Infinity) found.add(index, total / matches.length);
  }
}

/**
 * Account × role pairs where every word matched the account or the role, and at least one matched the
 * role only (otherwise the account row already says it all: `aud` lists the audit account, not its
 * SecurityAudit role too). A word that matches no role must match the account, so only that word's
 * accounts are walked.
 */
function addRoleRows(found: FoundRows, roles: RoleTable, perWord: readonly WordHits[]): void {
  const roleless = perWord.filter((word) => (word.roles?.size ?? 0) === 0).map((word) => word.accounts);
  if (roles.pairCount === 0 || roleless.length === perWord.length) return;
  const walked = roleless.length > 0 ? roleless.reduce((a, b) => (b.size < a.size ? b : a)) : undefined;
  const walk = new MergeWalk(perWord.map((word) => word.accounts));
  const onAccount = new Float64Array(perWord.length);
  const accountCount = walked ? walked.size : roles.accountCount;
  for (let position = 0; position < accountCount; position++) {
    const account = walked ? walked.indexes[position]! : position;
    const first = roles.firstPair(account);
    const end = roles.endPair(account);
    if (first === end) continue;
    for (let word = 0; word < perWord.length; word++) onAccount[word] = walk.scoreOf(word, account);
    for (let pair = first; pair < end; pair++) {
      const role = roles.roleOfPair(pair);
      let total = 0;
      let roleOnly = false;
      for (let word = 0; word < perWord.length && total !== Infinity; word++) {
        const onRole = perWord[word]!.roleScores[role]!;
        if (onAccount[word] === Infinity) roleOnly = true;
        total += Math.min(onRole, onAccount[word]!);
      }
      if (roleOnly && total !== Infinity) found.add(roles.accountCount + pair, total / perWord.length);
    }
  }
}

/** Looks up several words' scores for records asked in ascending order, each word's hits walked once. */
class MergeWalk {
  private readonly cursors: Int32Array;

  constructor(private readonly matches: readonly WordMatch<string>[]) {
    this.cursors = new Int32Array(matches.length);
  }

  /** The score of word number `word` on record `index`, Infinity when it did not match. */
  scoreOf(word: number, index: number): number {
    const match = this.matches[word]!;
    let cursor = this.cursors[word]!;
    while (cursor < match.size && match.indexes[cursor]! < index) cursor++;
    this.cursors[word] = cursor;
    return match.indexes[cursor] === index ? match.scores[cursor]! : Infinity;
  }
}

/**
 * The account rows of one list and the empty query's hits on them, each made the first time it is read and
 * kept, so a row drawn again is the same object. Made ahead for 100,000 accounts they were ~10 MB that
 * lived as long as the list, for the few windows of it a screen reads.
 */
class AccountRows {
  private readonly rows = new Map<number, AccountOrRole>();
  private readonly hits = new Map<number, SearchHit>();

  constructor(readonly accounts: readonly Account[]) {}

  /** The row of account number `index`; `keep: false` makes one that is not kept, if none was made yet. */
  row(index: number, keep = true): AccountOrRole {
    let row = this.rows.get(index);
    if (!row) {
      row = { kind: 'account', account: this.accounts[index]! };
      if (keep) this.rows.set(index, row);
    }
    return row;
  }

  plainHit(index: number, keep = true): SearchHit {
    let hit = this.hits.get(index);
    if (!hit) {
      hit = { row: this.row(index, keep), score: 0, matches: NO_MATCHES };
      if (keep) this.hits.set(index, hit);
    }
    return hit;
  }
}

/** The rows of an empty query: `pinned` first, then every account not pinned as an account, in list order. */
class ListedHits implements RowList<SearchHit> {
  readonly length: number;
  private readonly pinnedHits: readonly SearchHit[];
  /** Where the accounts pinned as accounts are in the list, ascending: their place there is skipped. */
  private readonly skipped: readonly number[] = [];

  constructor(
    private readonly rows: AccountRows,
    pinned: readonly AccountOrRole[],
  ) {
    this.pinnedHits = pinned.map((row) => ({ row, score: 0, matches: NO_MATCHES }));
    const pinnedIds = new Set(
      pinned.flatMap((row) => (row.kind === 'account' ? [row.account.accountId] : [])),
    );
    if (pinnedIds.size > 0) {
      this.skipped = rows.accounts.flatMap((account, index) =>
        pinnedIds.has(account.accountId) ? [index] : [],
      );
    }
    this.length = this.pinnedHits.length + rows.accounts.length - this.skipped.length;
  }

  at(position: number, keep = true): SearchHit | undefined {
    const index = position < 0 ? this.length + position : position;
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    if (index < this.pinnedHits.length) return this.pinnedHits[index];
    let account = index - this.pinnedHits.length;
    for (const skip of this.skipped) {
      if (skip > account) break;
      account++;
    }
    return this.rows.plainHit(account, keep);
  }

  slice(start = 0, end = this.length): SearchHit[] {
    return sliceOf(this, start, end);
  }

  /** Every hit, made afresh where not made before and not kept: for a caller that wants them all at once. */
  all(): SearchHit[] {
    const hits = new Array<SearchHit>(this.length);
    for (let index = 0; index < hits.length; index++) hits[index] = this.at(index, false)!;
    return hits;
  }
}

/** Rows `start` up to `end` of a list, as Array.prototype.slice takes them. */
function sliceOf(list: RowList<SearchHit>, start: number, end: number): SearchHit[] {
  const from = start < 0 ? Math.max(0, list.length + start) : Math.min(start, list.length);
  const to = end < 0 ? Math.max(0, list.length + end) : Math.min(end, list.length);
  const hits: SearchHit[] = [];
  for (let index = from; index < to; index++) hits.push(list.at(index)!);
  return hits;
}

/** What the hits of one answer share. */
interface Answer {
  readonly perWord: readonly WordHits[];
  readonly accounts: readonly Account[];
  readonly accountRows: AccountRows;
  readonly roleTable: RoleTable;
}

/**
 * The rows of one answer, best first, as numbers: rows are numbered accounts first, then account × role
 * pairs. A hit is made the first time its row is asked for and kept, so a row drawn again is the same
 * object and is not drawn anew.
 */
class RankedHits implements RowList<SearchHit> {
  private readonly made = new Map<number, SearchHit>();

  constructor(
    private readonly answer: Answer,
    private readonly found: { readonly rows: Int32Array; readonly keys: Uint32Array },
  ) {}

  get length(): number {
    return this.found.rows.length;
  }

  at(position: number): SearchHit | undefined {
    const index = position < 0 ? this.length + position : position;
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    let hit = this.made.get(index);
    if (!hit) {
      hit = this.make(index);
      this.made.set(index, hit);
    }
    return hit;
  }

  /** Every hit, made afresh and not kept: for a caller that wants them all at once. */
  all(): SearchHit[] {
    const hits = new Array<SearchHit>(this.length);
    for (let index = 0; index < hits.length; index++) hits[index] = this.made.get(index) ?? this.make(index);
    return hits;
  }

  slice(start = 0, end = this.length): SearchHit[] {
    return sliceOf(this, start, end);
  }

  private make(index: number): SearchHit {
    const row = this.found.rows[index]!;
    const key = this.found.keys[index]!;
    const accountCount = this.answer.accounts.length;
    return row < accountCount
      ? new AccountHit(this.answer, row, key)
      : new RoleHit(this.answer, row - accountCount, key);
  }
}

/**
 * An account row found: one small object, made only for a row asked for. The score stays an integer (a
 * double field would be a second allocation) and the characters to highlight are worked out only when
 * asked, for the rows on screen.
 */
class AccountHit implements SearchHit {
  constructor(
    private readonly answer: Answer,
    private readonly account: number,
    private readonly key: number,
  ) {}

  get row(): AccountOrRole {
    return this.answer.accountRows.row(this.account);
  }

  get score(): number {
    return this.key / SCORE_STEPS;
  }

  get matches(): FieldMatches {
    return mergeRanges(this.answer.perWord.map((word) => word.accounts.ranges(this.account)));
  }
}

/** An account × role row found: each word highlights the role, the account, or both, as it matched them. */
class RoleHit implements SearchHit {
  private madeRow?: AccountOrRole;

  constructor(
    private readonly answer: Answer,
    private readonly pair: number,
    private readonly key: number,
  ) {}

  get row(): AccountOrRole {
    const { accounts, roleTable } = this.answer;
    return (this.madeRow ??= {
      kind: 'role',
      account: accounts[roleTable.accountOfPair(this.pair)]!,
      roleName: roleTable.names[roleTable.roleOfPair(this.pair)]!,
    });
  }

  get score(): number {
    return this.key / SCORE_STEPS;
  }

  get matches(): FieldMatches {
    const account = this.answer.roleTable.accountOfPair(this.pair);
    const role = this.answer.roleTable.roleOfPair(this.pair);
    const parts: FieldRanges<SearchField>[] = [];
    for (const word of this.answer.perWord) {
      if (word.roles && word.roleScores[role] !== Infinity) parts.push(word.roles.ranges(role));
      if (word.accounts.positionOf(account) >= 0) parts.push(word.accounts.ranges(account));
    }
    return mergeRanges(parts);
  }
}

function mergeRanges(all: readonly FieldRanges<SearchField>[]): FieldMatches {
  if (all.length === 1) return all[0]!;
  const merged: Partial<Record<SearchField, MatchRange[]>> = {};
  for (const ranges of all) {
    for (const [field, list] of Object.entries(ranges) as [SearchField, readonly MatchRange[]][]) {
      (merged[field] ??= []).push(...list);
    }
  }
  return merged;
}
