import Fuse from 'fuse.js';
import { BigramIndex } from './bigramIndex.js';
import { letterBit, LetterIndex } from './letterIndex.js';
import { FoundScores, SearchTexts } from './searchTexts.js';
import { bestOccurrence, placementScore } from './wordPlacement.js';

/** An inclusive [start, end] range of matched characters, as Fuse reports them. */
export type MatchRange = readonly [start: number, end: number];

/** The characters one word matched in one record, per field. */
export type FieldRanges<Field extends string> = Partial<Record<Field, readonly MatchRange[]>>;

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
 * A prefix's hits fewer than one record in this many are checked one by one; more, and one native search
 * through all the texts is faster than a string search per field of each.
 */
const SPARSE_WITHIN = 8;

/**
 * The records one query word matched, in record order, as flat typed arrays: a one-letter word matches
 * every record of a big list, and an object per hit would be most of a keystroke's time and garbage.
 */
export class WordMatch<Field extends string> {
  constructor(
    private readonly matcher: { exactRanges(term: string, index: number): FieldRanges<Field> },
    readonly term: string,
    /** Indexes of the records matched, ascending. */
    readonly indexes: Int32Array,
    /** The score of each of them (0 is perfect), position for position. */
    readonly scores: Float32Array,
    /** The records holding the word as typed, ascending: the only ones that can hold a longer word starting with it. */
    readonly exact: Int32Array,
    private readonly fuzzyRanges: ReadonlyMap<number, FieldRanges<Field>>,
  ) {}

  get size(): number {
    return this.indexes.length;
  }

  /** Where record `index` sits in `indexes`, or -1 when the word did not match it. */
  positionOf(index: number): number {
    let low = 0;
    let high = this.indexes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.indexes[middle]!;
      if (found === index) return middle;
      if (found < index) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The characters to highlight in record `index`; asked only for the rows on screen. */
  ranges(index: number): FieldRanges<Field> {
    return this.fuzzyRanges.get(index) ?? this.matcher.exactRanges(this.term, index);
  }
}

interface FuzzyHit<Field extends string> {
  readonly index: number;
  readonly score: number;
  readonly ranges: FieldRanges<Field>;
}

/**
 * Matches single query words against records with string fields. Exact substrings are found by a scan over
 * precomputed lower-case texts (optionally within a shorter word's hits); typos, when the word is rare as
 * typed, by Fuse over the few records that share enough letter pairs with the word to be within its error
 * budget (q-gram lemma). Fuse over every record would cost ~70 ms per keystroke at 10,000 accounts.
 */
export class TermMatcher<Item extends object, Field extends string & keyof Item> {
  private readonly fields: readonly Field[];
  /** Per field, per record: the text, and the same in lower case. */
  private readonly original: readonly (readonly string[])[];
  private readonly lower: readonly (readonly string[])[];
  /** Built on the first search: a list that is still loading may never be searched. */
  private texts?: SearchTexts;
  private letters?: LetterIndex;
  private bigrams?: BigramIndex;

  constructor(
    private readonly records: readonly Item[],
    private readonly options: TermMatcherOptions<Field>,
  ) {
    this.fields = [...options.exactFields, ...options.fuzzyFields];
    this.original = this.fields.map((field) => records.map((record) => String(record[field])));
    this.lower = this.original.map((texts) => texts.map((text) => text.toLowerCase()));
  }

  /**
   * The records a lower-case word matches. `within`: the match of a prefix of the word, whose exact hits
   * are the only records that can hold the word (a record that lacks "pay" cannot contain "paym").
   */
  match(term: string, within?: WordMatch<Field>): WordMatch<Field> {
    const texts = (this.texts ??= new SearchTexts(this.lower));
    if (term === '')
      return new WordMatch(this, term, new Int32Array(), new Float32Array(), new Int32Array(), new Map());
    const found = new FoundScores(texts.scratch);
    const letter = term.length === 1 ? letterBit(term.charCodeAt(0)) : -1;
    if (letter >= 0) {
      (this.letters ??= new LetterIndex(this.lower, this.original)).scan(letter, found);
    } else if (within && within.exact.length * SPARSE_WITHIN < this.records.length) {
      for (const index of within.exact) {
        const score = this.exactScore(term, index);
        if (score >= 0) found.add(index, score);
      }
    } else {
      // Every record holding the word holds its prefix too, so a scan of all texts finds the same records.
      texts.scan(term, found, (field, index, first) =>
        placementScore(this.lower[field]![index]!, this.original[field]![index]!, term, first),
      );
    }
    const exact = found.indexes();
    const exactScores = found.scores();
    const mayBeTypo = term.length >= FUZZY_MIN_LENGTH && exact.length < TYPED_RIGHT_HITS;
    const fuzzy = mayBeTypo && this.options.fuzzyFields.length > 0 ? this.fuzzy(term, exact) : [];
    if (fuzzy.length === 0) return new WordMatch(this, term, exact, exactScores, exact, new Map());
    return withFuzzyHits(this, term, exact, exactScores, fuzzy);
  }

  /** Where `term` sits in each field of one record. */
  exactRanges(term: string, index: number): FieldRanges<Field> {
    const ranges: FieldRanges<Field> = {};
    this.fields.forEach((field, position) => {
      const lower = this.lower[position]![index]!;
      const at = bestOccurrence(lower, this.original[position]![index]!, term);
      if (at >= 0) ranges[field] = [[at, at + term.length - 1]];
    });
    return ranges;
  }

  /** The best score of `term` as a substring of any field of one record, or -1. */
  private exactScore(term: string, index: number): number {
    let best = -1;
    for (let field = 0; field < this.fields.length; field++) {
      const lower = this.lower[field]![index]!;
      const first = lower.indexOf(term);
      if (first < 0) continue;
      const score = placementScore(lower, this.original[field]![index]!, term, first);
      if (best < 0 || score < best) best = score;
    }
    return best;
  }

  private fuzzy(term: string, exact: Int32Array): FuzzyHit<Field>[] {
    const bigrams = (this.bigrams ??= new BigramIndex(
      this.records.map((_, index) =>
        this.options.fuzzyFields.map((field) => this.lower[this.fields.indexOf(field)]![index]).join(' '),
      ),
    ));
    const maxErrors = Math.floor(FUZZY_THRESHOLD * term.length);
    const candidates = bigrams.candidates(term, Math.max(1, term.length - 1 - 2 * maxErrors), {
      exclude: exact,
      cap: FUZZY_CANDIDATE_CAP,
    });
    if (candidates.length === 0) return [];
    // A Fuse over just the candidates: its scores depend on each record alone, never on the rest of the list.
    const fuse = new Fuse(
      candidates.map((index) => this.records[index]!),
      {
        keys: [...this.options.fuzzyFields],
        threshold: FUZZY_THRESHOLD,
        ignoreLocation: true,
        includeScore: true,
        includeMatches: true,
      },
    );
    return fuse.search(term).map((result) => {
      const ranges: Partial<Record<Field, MatchRange[]>> = {};
      for (const match of result.matches ?? []) {
        ranges[match.key as Field] = match.indices.map(([start, end]) => [start, end] as const);
      }
      return {
        index: candidates[result.refIndex]!,
        score: FUZZY_BASE + (1 - FUZZY_BASE) * (result.score ?? 1),
        ranges,
      };
    });
  }
}

/** The exact hits with the (few) fuzzy ones merged in, still in record order. */
function withFuzzyHits<Field extends string>(
  matcher: { exactRanges(term: string, index: number): FieldRanges<Field> },
  term: string,
  exact: Int32Array,
  exactScores: Float32Array,
  fuzzy: FuzzyHit<Field>[],
): WordMatch<Field> {
  fuzzy.sort((a, b) => a.index - b.index);
  const total = exact.length + fuzzy.length;
  const indexes = new Int32Array(total);
  const scores = new Float32Array(total);
  let fromExact = 0;
  let fromFuzzy = 0;
  for (let position = 0; position < total; position++) {
    const nextFuzzy = fuzzy[fromFuzzy];
    if (nextFuzzy && (fromExact >= exact.length || nextFuzzy.index < exact[fromExact]!)) {
      indexes[position] = nextFuzzy.index;
      scores[position] = nextFuzzy.score;
      fromFuzzy++;
    } else {
      indexes[position] = exact[fromExact]!;
      scores[position] = exactScores[fromExact]!;
      fromExact++;
    }
  }
  const ranges = new Map(fuzzy.map((hit) => [hit.index, hit.ranges]));
  return new WordMatch(matcher, term, indexes, scores, exact, ranges);
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
    const perWord = words.map((word) => matcher.match(word));
    const hits: (TextHit & { score: number })[] = [];
    texts.forEach((_, index) => {
      const positions = perWord.map((match) => match.positionOf(index));
      if (positions.some((position) => position < 0)) return;
      hits.push({
        index,
        score: perWord.reduce((sum, match, word) => sum + match.scores[positions[word]!]!, 0),
        ranges: perWord.flatMap((match) => match.ranges(index).text ?? []),
      });
    });
    return hits.sort((a, b) => a.score - b.score || a.index - b.index);
  };
}
