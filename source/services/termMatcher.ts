import Fuse, { type FuseIndex } from 'fuse.js';

/** An inclusive [start, end] range of matched characters, as Fuse reports them. */
export type MatchRange = readonly [start: number, end: number];

/** How well one query word matched one record: a score (0 is perfect) and the matched ranges per field. */
export interface TermHit<Field extends string> {
  readonly score: number;
  readonly matches: Partial<Record<Field, readonly MatchRange[]>>;
}

export interface TermMatcherOptions<Field extends string> {
  /** Fields matched as substrings only (account ids: a typo in a number finds some other number). */
  readonly exactFields: readonly Field[];
  /** Fields also matched fuzzily through Fuse, for typos. */
  readonly fuzzyFields: readonly Field[];
}

/**
 * Substring hits always rank above fuzzy ones: a score below FUZZY_BASE is a substring match, placed by
 * where it sits (whole field, start, word start, inside) and how much of the field it covers.
 */
const FUZZY_BASE = 0.3;
/** Fuse's threshold: errors per pattern character that still count as a typo (2 in "paymnets"). */
const FUZZY_THRESHOLD = 0.34;
/** Shorter words are typed out, not mistyped; fuzzy hits of 1–3 letters are mostly noise. */
const FUZZY_MIN_LENGTH = 4;
/** A word found as it is in this many records was typed right: looking for typos of it only adds noise. */
const TYPED_RIGHT_HITS = 50;
/** Fuse costs a few microseconds per record; only this many pre-filtered records are handed to it. */
const FUZZY_CANDIDATE_CAP = 100;

/**
 * Matches single query words against records with string fields. Exact substrings are found by a scan
 * (optionally within a previous, shorter word's hits); typos, when the word is rare as typed, by Fuse over
 * the few records that share enough letter pairs with the word to be within its error budget (q-gram
 * lemma). Fuse over every record would cost ~70 ms per keystroke at 10,000 accounts; this stays in the
 * low milliseconds.
 */
export class TermMatcher<Item extends object, Field extends string & keyof Item> {
  private readonly fields: readonly Field[];
  /** Per field, per record: the text, and the same in lower case. */
  private readonly original: readonly (readonly string[])[];
  private readonly lower: readonly (readonly string[])[];
  private fuzzyParts?: { index: FuseIndex<Item>; bigrams: BigramIndex };

  constructor(
    private readonly records: readonly Item[],
    private readonly options: TermMatcherOptions<Field>,
  ) {
    this.fields = [...options.exactFields, ...options.fuzzyFields];
    this.original = this.fields.map((field) => records.map((record) => String(record[field])));
    this.lower = this.original.map((texts) => texts.map((text) => text.toLowerCase()));
  }

  /**
   * Hits of one lower-case word, by record index. `within` limits the substring scan to records that
   * contained a prefix of the word (a record that lacks "pay" cannot contain "paym").
   */
  match(term: string, within?: readonly number[]): { hits: HitTable<TermHit<Field>>; exact: number[] } {
    const hits = new HitTable<TermHit<Field>>(
      this.records.length,
      (within?.length ?? this.records.length) + FUZZY_CANDIDATE_CAP,
    );
    const exact: number[] = [];
    const count = within ? within.length : this.records.length;
    for (let position = 0; position < count; position++) {
      const index = within ? within[position]! : position;
      let best = Infinity;
      for (let field = 0; field < this.fields.length; field++) {
        const lower = this.lower[field]![index]!;
        if (lower.includes(term))
          best = Math.min(best, exactScore(lower, this.original[field]![index]!, term));
      }
      if (best !== Infinity) {
        hits.set(index, new ExactHit(this, term, index, best));
        exact.push(index);
      }
    }
    const mayBeTypo = term.length >= FUZZY_MIN_LENGTH && exact.length < TYPED_RIGHT_HITS;
    if (mayBeTypo && this.options.fuzzyFields.length > 0) {
      for (const [index, hit] of this.fuzzy(term, hits)) hits.set(index, hit);
    }
    return { hits, exact };
  }

  /** Where `term` sits in each field of one record; asked only for the rows on screen. */
  exactMatches(term: string, index: number): Partial<Record<Field, readonly MatchRange[]>> {
    const matches: Partial<Record<Field, readonly MatchRange[]>> = {};
    this.fields.forEach((field, position) => {
      const lower = this.lower[position]![index]!;
      if (lower.includes(term)) matches[field] = [exactRange(lower, this.original[position]![index]!, term)];
    });
    return matches;
  }

  private fuzzy(term: string, exactHits: HitTable<unknown>): Map<number, TermHit<Field>> {
    const { index, bigrams } = this.fuzzyIndex();
    const maxErrors = Math.floor(FUZZY_THRESHOLD * term.length);
    const candidates = bigrams.candidates(term, Math.max(1, term.length - 1 - 2 * maxErrors), {
      exclude: exactHits,
      cap: FUZZY_CANDIDATE_CAP,
    });
    const hits = new Map<number, TermHit<Field>>();
    if (candidates.length === 0) return hits;
    const subset = Fuse.parseIndex<Item>({
      keys: index.keys,
      records: candidates.map((candidate) => index.records[candidate]!),
    });
    const fuse = new Fuse(
      this.records,
      {
        keys: [...this.options.fuzzyFields],
        threshold: FUZZY_THRESHOLD,
        ignoreLocation: true,
        includeScore: true,
        includeMatches: true,
      },
      subset,
    );
    for (const result of fuse.search(term)) {
      const matches: Partial<Record<Field, MatchRange[]>> = {};
      for (const match of result.matches ?? []) {
        matches[match.key as Field] = match.indices.map(([start, end]) => [start, end] as const);
      }
      hits.set(result.refIndex, { score: FUZZY_BASE + (1 - FUZZY_BASE) * (result.score ?? 1), matches });
    }
    return hits;
  }

  /** Built on the first fuzzy search only: a list that is still loading may never need it. */
  private fuzzyIndex(): { index: FuseIndex<Item>; bigrams: BigramIndex } {
    this.fuzzyParts ??= {
      index: Fuse.createIndex([...this.options.fuzzyFields], this.records),
      bigrams: new BigramIndex(
        this.records.map((_, index) =>
          this.options.fuzzyFields.map((field) => this.lower[this.fields.indexOf(field)]![index]).join(' '),
        ),
      ),
    };
    return this.fuzzyParts;
  }
}

/**
 * A hit found as a substring. Its score is computed for every record a keystroke matches (10,000 for
 * one letter); its ranges only for the rows drawn, so a hit is one small object.
 */
class ExactHit<Field extends string> implements TermHit<Field> {
  constructor(
    private readonly matcher: { exactMatches(term: string, index: number): TermHit<Field>['matches'] },
    private readonly term: string,
    private readonly index: number,
    readonly score: number,
  ) {}

  get matches(): TermHit<Field>['matches'] {
    return this.matcher.exactMatches(this.term, this.index);
  }
}

/** The occurrence of the word in `lower` that counts: the first one that starts a word, else the first. */
function bestOccurrence(lower: string, original: string, term: string): { at: number; wordStart: boolean } {
  const first = lower.indexOf(term);
  for (let position = first; position >= 0; position = lower.indexOf(term, position + 1)) {
    if (isWordStart(original, position)) return { at: position, wordStart: true };
  }
  return { at: first, wordStart: false };
}

/** Placed by where the word sits (whole field, start, word start, inside) and how much of the field it covers. */
function exactScore(lower: string, original: string, term: string): number {
  const { at, wordStart } = bestOccurrence(lower, original, term);
  const placement = lower.length === term.length ? 0 : at === 0 ? 0.04 : wordStart ? 0.08 : 0.16;
  return placement + 0.1 * (1 - term.length / lower.length);
}

function exactRange(lower: string, original: string, term: string): MatchRange {
  const { at } = bestOccurrence(lower, original, term);
  return [at, at + term.length - 1];
}

/**
 * After a separator, or a lower-case letter followed by a capital (the "Administrator" in
 * "NetworkAdministrator"). Character codes, not regular expressions: this runs for every hit of a keystroke.
 */
function isWordStart(text: string, position: number): boolean {
  if (position === 0) return true;
  const before = text.charCodeAt(position - 1);
  if (!isLetterOrDigit(before)) return true;
  const here = text.charCodeAt(position);
  return before >= 97 && before <= 122 && here >= 65 && here <= 90;
}

/** ASCII letters and digits, and anything beyond ASCII (accented letters are part of words). */
function isLetterOrDigit(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127
  );
}

/** Which records contain which letter pairs, to find the few records a fuzzy word could match. */
class BigramIndex {
  private readonly postings: Int32Array[];
  private readonly counts: Uint16Array;

  constructor(texts: readonly string[]) {
    const lists: number[][] = Array.from({ length: BIGRAMS }, () => []);
    const lastRecord = new Int32Array(BIGRAMS).fill(-1);
    texts.forEach((text, record) => {
      for (let position = 1; position < text.length; position++) {
        const code = bigramCode(text, position);
        if (lastRecord[code] === record) continue;
        lastRecord[code] = record;
        lists[code]!.push(record);
      }
    });
    this.postings = lists.map((list) => Int32Array.from(list));
    this.counts = new Uint16Array(texts.length);
  }

  /** Records sharing at least `minShared` distinct pairs with `term`, most shared first, at most `cap`. */
  candidates(
    term: string,
    minShared: number,
    options: { exclude: HitTable<unknown>; cap: number },
  ): number[] {
    const touched: number[] = [];
    const seen = new Set<number>();
    for (let position = 1; position < term.length; position++) {
      const code = bigramCode(term, position);
      if (seen.has(code)) continue;
      seen.add(code);
      for (const record of this.postings[code]!) {
        if (this.counts[record] === 0) touched.push(record);
        this.counts[record] = this.counts[record]! + 1;
      }
    }
    const chosen = touched.filter(
      (record) => this.counts[record]! >= minShared && !options.exclude.has(record),
    );
    if (chosen.length > options.cap) chosen.sort((a, b) => this.counts[b]! - this.counts[a]!);
    for (const record of touched) this.counts[record] = 0;
    return chosen.slice(0, options.cap);
  }
}

/** Letters and digits keep their identity; every other character is one "separator" symbol. */
const SYMBOLS = 37;
const BIGRAMS = SYMBOLS * SYMBOLS;

function bigramCode(text: string, position: number): number {
  return symbol(text.charCodeAt(position - 1)) * SYMBOLS + symbol(text.charCodeAt(position));
}

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return code - 21;
  return 0;
}

/**
 * Hits by record index, in the order found: the part of a Map's interface the search uses. An array is
 * several times faster than a Map when a one-letter word hits every one of 10,000 records, but a waste
 * (and garbage to collect) for the few hits of a longer word.
 */
export class HitTable<T> implements Iterable<[number, T]> {
  private readonly slots: (T | undefined)[] | Map<number, T>;
  private readonly order: number[] = [];

  /** `expected`: how many hits there may be; few are kept in a Map, many in an array as long as the list. */
  constructor(length: number, expected: number) {
    this.slots = expected * 8 < length ? new Map<number, T>() : new Array<T | undefined>(length);
  }

  get size(): number {
    return this.order.length;
  }

  get(index: number): T | undefined {
    return this.slots instanceof Map ? this.slots.get(index) : this.slots[index];
  }

  has(index: number): boolean {
    return this.get(index) !== undefined;
  }

  set(index: number, value: T): void {
    if (this.get(index) === undefined) this.order.push(index);
    if (this.slots instanceof Map) this.slots.set(index, value);
    else this.slots[index] = value;
  }

  keys(): IterableIterator<number> {
    return this.order[Symbol.iterator]();
  }

  *[Symbol.iterator](): Iterator<[number, T]> {
    for (const index of this.order) yield [index, this.get(index)!];
  }
}

export interface TextHit {
  /** The item's position in the list searched. */
  readonly index: number;
  readonly ranges: readonly MatchRange[];
}

/**
 * A search over a short list of single texts (role names, sessions): every word of the query must match,
 * best first; an empty query gives every item in order.
 */
export function createTextSearch(texts: readonly string[]): (query: string) => TextHit[] {
  const matcher = new TermMatcher(
    texts.map((text) => ({ text })),
    { exactFields: [], fuzzyFields: ['text'] },
  );
  return (query) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return texts.map((_, index) => ({ index, ranges: [] }));
    const perWord = words.map((word) => matcher.match(word).hits);
    const hits: (TextHit & { score: number })[] = [];
    texts.forEach((_, index) => {
      const found = perWord.map((hitsOfWord) => hitsOfWord.get(index));
      if (found.some((hit) => hit === undefined)) return;
      const present = found as TermHit<'text'>[];
      hits.push({
        index,
        score: present.reduce((sum, hit) => sum + hit.score, 0),
        ranges: present.flatMap((hit) => hit.matches.text ?? []),
      });
    });
    return hits.sort((a, b) => a.score - b.score || a.index - b.index);
  };
}
