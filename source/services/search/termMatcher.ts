import Fuse from 'fuse.js';
import { abbreviationRanges, ABBREVIATION_SPREAD, bestAbbreviation } from './abbreviation.js';
import { BigramIndex } from './bigramIndex.js';
import { letterBit, LetterIndex, letterMask } from './letterIndex.js';
import { FoundScores, SearchTexts } from './searchTexts.js';
import { sortedPosition } from './sortedPosition.js';
import { searchableText } from '../terminalText.js';
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
  /**
   * Fields where a word may also be abbreviated (its characters in order): names, not email addresses,
   * whose shared parts ("aws+", "@example.com") hold the letters of most short words. Default: fuzzyFields.
   */
  readonly abbreviatedFields?: readonly Field[];
}

/**
 * Substring hits rank above abbreviations, and abbreviations above typos: a score below ABBREVIATION_BASE
 * is a substring match, placed by where it sits (whole field, start, word start, inside) and how much of
 * the field it covers; from there to FUZZY_BASE, the word's characters in order ("prd" in "prod"); above,
 * a typo.
 */
const ABBREVIATION_BASE = 0.3;
const FUZZY_BASE = ABBREVIATION_BASE + ABBREVIATION_SPREAD;
/** Two letters in order are in most names; three make an abbreviation worth listing. */
const ABBREVIATION_MIN_LENGTH = 3;
/** Fuse's threshold: errors per pattern character that still count as a typo (2 in "paymnets"). */
const FUZZY_THRESHOLD = 0.34;
/** Shorter words are typed out, not mistyped; fuzzy hits of 1–3 letters are mostly noise. */
const FUZZY_MIN_LENGTH = 4;
/**
 * A word found as it is in this many records was typed right: looking for abbreviations or typos of it
 * only adds noise.
 */
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
    /**
     * The records holding the word's characters in order (as it is, or abbreviated), ascending, when they
     * were looked for: the only ones that can hold a longer word starting with it in order.
     */
    readonly inOrder?: Int32Array,
  ) {}

  get size(): number {
    return this.indexes.length;
  }

  /** Where record `index` sits in `indexes`, or -1 when the word did not match it. */
  positionOf(index: number): number {
    return sortedPosition(this.indexes, index);
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
  /** Positions in `fields` of the fields where a word may be abbreviated. */
  private readonly abbreviated: readonly number[];
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
    this.abbreviated = (options.abbreviatedFields ?? options.fuzzyFields).map((field) =>
      this.fields.indexOf(field),
    );
    // Control and format characters are not searched: the screen draws them as escapes, which no query
    // should match, and a name with a zero-width space in it is found as it reads.
    this.original = this.fields.map((field) =>
      records.map((record) => searchableText(String(record[field]))),
    );
    // A text already in lower case is kept as it is: Node 24's V8 copies it (100,000 e-mail addresses, ~5 MB);
    // a field with no upper case anywhere (ids, most addresses) keeps its very list.
    this.lower = this.original.map((texts) => {
      let changed = false;
      const lower = texts.map((text) => {
        const lowered = text.toLowerCase();
        changed ||= lowered !== text;
        return lowered === text ? text : lowered;
      });
      return changed ? lower : texts;
    });
  }

  /**
   * The records a lower-case word matches. `within`: the match of a prefix of the word, whose exact hits
   * are the only records that can hold the word (a record that lacks "pay" cannot contain "paym").
   */
  match(term: string, within?: WordMatch<Field>): WordMatch<Field> {
    const texts = this.textsNow();
    if (term === '')
      return new WordMatch(this, term, new Int32Array(), new Float32Array(), new Int32Array(), new Map());
    const found = new FoundScores(texts.scratch);
    const letter = term.length === 1 ? letterBit(term.charCodeAt(0)) : -1;
    if (letter >= 0) {
      this.lettersNow().scan(letter, found);
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
    let indexes = exact;
    let scores = found.scores();
    let inOrder: Int32Array | undefined;
    const rare = exact.length < TYPED_RIGHT_HITS && this.options.fuzzyFields.length > 0;
    if (rare && term.length >= ABBREVIATION_MIN_LENGTH && this.abbreviated.length > 0) {
      const abbreviated = new FoundScores(texts.scratch);
      this.abbreviations(term, exact, within?.inOrder, abbreviated);
      [indexes, scores] = merged(indexes, scores, abbreviated.indexes(), abbreviated.scores());
      inOrder = indexes;
    }
    // Many abbreviations: the word was meant as one, and typos of it would only add noise.
    const mayBeTypo = rare && term.length >= FUZZY_MIN_LENGTH && indexes.length < TYPED_RIGHT_HITS;
    const fuzzy = mayBeTypo ? this.fuzzy(term, indexes) : [];
    if (fuzzy.length === 0) return new WordMatch(this, term, indexes, scores, exact, new Map(), inOrder);
    const ranges = new Map(fuzzy.map((hit) => [hit.index, hit.ranges]));
    fuzzy.sort((a, b) => a.index - b.index);
    [indexes, scores] = merged(
      indexes,
      scores,
      Int32Array.from(fuzzy, (hit) => hit.index),
      Float32Array.from(fuzzy, (hit) => hit.score),
    );
    return new WordMatch(this, term, indexes, scores, exact, ranges, inOrder);
  }

  /**
   * Builds now what the first searches would otherwise build (hundreds of milliseconds at 100,000
   * records): the first typo must not be the keystroke that waits for it.
   */
  prepare(): void {
    this.textsNow();
    this.lettersNow();
    if (this.options.fuzzyFields.length > 0) this.bigramsNow();
  }

  private textsNow(): SearchTexts {
    return (this.texts ??= new SearchTexts(this.lower));
  }

  private lettersNow(): LetterIndex {
    return (this.letters ??= new LetterIndex(this.lower, this.original));
  }

  private bigramsNow(): BigramIndex {
    return (this.bigrams ??= new BigramIndex(
      this.records.map((_, index) =>
        this.options.fuzzyFields.map((field) => this.lower[this.fields.indexOf(field)]![index]).join(' '),
      ),
    ));
  }

  /** Where `term` sits in each field of one record; where it is in none, its characters in order. */
  exactRanges(term: string, index: number): FieldRanges<Field> {
    const ranges: FieldRanges<Field> = {};
    let found = false;
    this.fields.forEach((field, position) => {
      const lower = this.lower[position]![index]!;
      const at = bestOccurrence(lower, this.original[position]![index]!, term);
      if (at >= 0) ranges[field] = [[at, at + term.length - 1]];
      found ||= at >= 0;
    });
    if (found || term.length < ABBREVIATION_MIN_LENGTH) return ranges;
    for (const field of this.abbreviated) {
      const pieces = abbreviationRanges(this.lower[field]![index]!, this.original[field]![index]!, term);
      if (pieces) ranges[this.fields[field]!] = pieces;
    }
    return ranges;
  }

  /**
   * Records where `term` is abbreviated in a field that may be, and not found as it is (not in `exact`),
   * scored; only among `candidates` when given (ascending: those holding a prefix of `term` in order).
   */
  private abbreviations(
    term: string,
    exact: Int32Array,
    candidates: Int32Array | undefined,
    found: FoundScores,
  ): void {
    const letters = this.lettersNow();
    const mask = letterMask(term);
    const count = candidates ? candidates.length : this.records.length;
    for (let position = 0, skip = 0; position < count; position++) {
      const index = candidates ? candidates[position]! : position;
      while (skip < exact.length && exact[skip]! < index) skip++;
      if (exact[skip] === index) continue;
      let best = -1;
      for (const field of this.abbreviated) {
        if (!letters.holdsAll(index, field, mask)) continue;
        const lower = this.lower[field]![index]!;
        const { score } = bestAbbreviation(lower, this.original[field]![index]!, term, ABBREVIATION_BASE);
        if (score >= 0 && (best < 0 || score < best)) best = score;
      }
      if (best >= 0) found.add(index, best);
    }
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
    const bigrams = this.bigramsNow();
    const maxErrors = Math.floor(FUZZY_THRESHOLD * term.length);
    const candidates = bigrams.candidates(term, Math.max(1, term.length - 1 - 2 * maxErrors), {
      exclude: exact,
      cap: FUZZY_CANDIDATE_CAP,
    });
    if (candidates.length === 0) return [];
    // A Fuse over just the candidates: its scores depend on each record alone, never on the rest of the list.
    const fuzzyTexts = this.options.fuzzyFields.map((field) => this.original[this.fields.indexOf(field)]!);
    const fuse = new Fuse(
      candidates.map((index) =>
        Object.fromEntries(this.options.fuzzyFields.map((field, at) => [field, fuzzyTexts[at]![index]])),
      ),
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

/** Two lists of hits (record indexes ascending, scores beside them) as one, still in record order. */
function merged(
  indexes: Int32Array,
  scores: Float32Array,
  moreIndexes: Int32Array,
  moreScores: Float32Array,
): [Int32Array, Float32Array] {
  if (moreIndexes.length === 0) return [indexes, scores];
  const total = indexes.length + moreIndexes.length;
  const allIndexes = new Int32Array(total);
  const allScores = new Float32Array(total);
  for (let position = 0, first = 0, second = 0; position < total; position++) {
    if (second < moreIndexes.length && (first >= indexes.length || moreIndexes[second]! < indexes[first]!)) {
      allIndexes[position] = moreIndexes[second]!;
      allScores[position] = moreScores[second++]!;
    } else {
      allIndexes[position] = indexes[first]!;
      allScores[position] = scores[first++]!;
    }
  }
  return [allIndexes, allScores];
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
