import Fuse from 'fuse.js';

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

/**
 * The occurrence of the word in `lower` that counts: the first one that starts a word, else the first;
 * -1 when there is none.
 */
function bestOccurrence(lower: string, original: string, term: string): number {
  const first = lower.indexOf(term);
  for (let position = first; position >= 0; position = lower.indexOf(term, position + 1)) {
    if (isWordStart(original, position)) return position;
  }
  return first;
}

/**
 * Placed by where the word sits (whole field, start, word start, inside) and how much of the field it
 * covers. `first` is the word's first occurrence, already found by the caller.
 */
function placementScore(lower: string, original: string, term: string, first: number): number {
  let placement = 0.16;
  if (lower.length === term.length) placement = 0;
  else if (first === 0) placement = 0.04;
  else {
    for (let position = first; position >= 0; position = lower.indexOf(term, position + 1)) {
      if (isWordStart(original, position)) {
        placement = 0.08;
        break;
      }
    }
  }
  return placement + 0.1 * (1 - term.length / lower.length);
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

/**
 * Every field of every record in one lower-case string, one per line: finding a word is one native string
 * search that skips the records without it, instead of a search in each of 300,000 short strings.
 */
class SearchTexts {
  private readonly haystack: string;
  private readonly fieldCount: number;
  /** Where field f of record r starts in the haystack, at slot r × fieldCount + f; one more slot ends it. */
  private readonly slotStarts: Int32Array;
  /** Reused by every scan, so a keystroke allocates only its exact-sized result. */
  readonly scratch: { readonly indexes: Int32Array; readonly scores: Float32Array };

  constructor(lower: readonly (readonly string[])[]) {
    this.fieldCount = lower.length;
    const recordCount = lower[0]?.length ?? 0;
    const parts = new Array<string>(recordCount * this.fieldCount);
    this.slotStarts = new Int32Array(parts.length + 1);
    let offset = 0;
    for (let record = 0; record < recordCount; record++) {
      for (let field = 0; field < this.fieldCount; field++) {
        const slot = record * this.fieldCount + field;
        const text = lower[field]![record]!;
        parts[slot] = text;
        this.slotStarts[slot] = offset;
        offset += text.length + 1;
      }
    }
    this.slotStarts[parts.length] = offset;
    // A query word never holds white space, so it never matches across the line breaks.
    this.haystack = parts.join('\n');
    this.scratch = { indexes: new Int32Array(recordCount), scores: new Float32Array(recordCount) };
  }

  /**
   * Every record holding `term`, in order, with its best score over the fields holding it; `score` is
   * given the field, the record and where the term first occurs in that field.
   */
  scan(
    term: string,
    found: FoundScores,
    score: (field: number, index: number, first: number) => number,
  ): void {
    let slot = 0;
    let record = -1;
    let best = Infinity;
    for (let at = this.haystack.indexOf(term); at >= 0;) {
      while (this.slotStarts[slot + 1]! <= at) slot++;
      const index = Math.floor(slot / this.fieldCount);
      if (index !== record) {
        if (record >= 0) found.add(record, best);
        record = index;
        best = Infinity;
      }
      best = Math.min(best, score(slot - index * this.fieldCount, index, at - this.slotStarts[slot]!));
      // The first occurrence in a field is the one scored; go on with the next field.
      at = this.haystack.indexOf(term, this.slotStarts[slot + 1]!);
    }
    if (record >= 0) found.add(record, best);
  }
}

/** The records a scan found and their scores, in the scratch buffers; copied out at their final size. */
class FoundScores {
  private count = 0;

  constructor(private readonly scratch: { readonly indexes: Int32Array; readonly scores: Float32Array }) {}

  add(index: number, score: number): void {
    this.scratch.indexes[this.count] = index;
    this.scratch.scores[this.count] = score;
    this.count++;
  }

  indexes(): Int32Array {
    return this.scratch.indexes.slice(0, this.count);
  }

  scores(): Float32Array {
    return this.scratch.scores.slice(0, this.count);
  }
}

/**
 * One-letter words match most of a big list. Per field of each record this keeps which letters and digits
 * it holds, which of them start a word, its first one and its length, so scoring a letter is a few bit
 * tests per field rather than string searches (the first keystroke was the slowest of a query).
 */
class LetterIndex {
  private readonly fieldCount: number;
  /** Two 32-bit words per slot (record × fieldCount + field): bit n is the letter numbered n by letterBit. */
  private readonly present: Int32Array;
  private readonly wordStarts: Int32Array;
  private readonly firsts: Int8Array;
  private readonly lengths: Int32Array;

  constructor(lower: readonly (readonly string[])[], original: readonly (readonly string[])[]) {
    this.fieldCount = lower.length;
    const slots = (lower[0]?.length ?? 0) * this.fieldCount;
    this.present = new Int32Array(slots * 2);
    this.wordStarts = new Int32Array(slots * 2);
    this.firsts = new Int8Array(slots).fill(-1);
    this.lengths = new Int32Array(slots);
    for (let slot = 0; slot < slots; slot++) {
      const field = slot % this.fieldCount;
      const record = (slot - field) / this.fieldCount;
      const text = lower[field]![record]!;
      const originalText = original[field]![record]!;
      this.lengths[slot] = text.length;
      for (let position = 0; position < text.length; position++) {
        const bit = letterBit(text.charCodeAt(position));
        if (bit < 0) continue;
        const word = slot * 2 + (bit >>> 5);
        this.present[word]! |= 1 << (bit & 31);
        if (position === 0) this.firsts[slot] = bit;
        else if (isWordStart(originalText, position)) this.wordStarts[word]! |= 1 << (bit & 31);
      }
    }
  }

  /** Every record holding the letter numbered `bit`, scored as placementScore would score it. */
  scan(bit: number, found: FoundScores): void {
    const mask = 1 << (bit & 31);
    const half = bit >>> 5;
    const slots = this.lengths.length;
    for (let slot = 0, record = 0; slot < slots; slot += this.fieldCount, record++) {
      let best = Infinity;
      for (let field = 0; field < this.fieldCount; field++) {
        const here = slot + field;
        if ((this.present[here * 2 + half]! & mask) === 0) continue;
        const length = this.lengths[here]!;
        const placement =
          length === 1
            ? 0
            : this.firsts[here] === bit
              ? 0.04
              : (this.wordStarts[here * 2 + half]! & mask) !== 0
                ? 0.08
                : 0.16;
        best = Math.min(best, placement + 0.1 * (1 - 1 / length));
      }
      if (best !== Infinity) found.add(record, best);
    }
  }
}

/** Letters a–z are 0–25 and digits 26–35; anything else has no number (-1). */
function letterBit(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

/**
 * Which records contain which letter pairs, to find the few records a fuzzy word could match. One flat
 * array of record numbers, grouped by pair: 100,000 accounts hold about 4 million pairs.
 */
class BigramIndex {
  /** postings[starts[pair] .. starts[pair + 1]) are the records holding that pair, ascending. */
  private readonly starts: Int32Array;
  private readonly postings: Int32Array;
  private readonly counts: Uint16Array;

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(BIGRAMS + 1);
    const lastRecord = new Int32Array(BIGRAMS).fill(-1);
    // Two passes: count each pair's records, then place them, so nothing grows while building.
    const eachPair = (visit: (code: number, record: number) => void): void => {
      lastRecord.fill(-1);
      for (let record = 0; record < texts.length; record++) {
        const text = texts[record]!;
        for (let position = 1; position < text.length; position++) {
          const code = bigramCode(text, position);
          if (lastRecord[code] === record) continue;
          lastRecord[code] = record;
          visit(code, record);
        }
      }
    };
    eachPair((code) => this.starts[code + 1]!++);
    for (let code = 0; code < BIGRAMS; code++) this.starts[code + 1]! += this.starts[code]!;
    this.postings = new Int32Array(this.starts[BIGRAMS]!);
    const filled = this.starts.slice(0, BIGRAMS);
    eachPair((code, record) => {
      this.postings[filled[code]!++] = record;
    });
    this.counts = new Uint16Array(texts.length);
  }

  /** Records sharing at least `minShared` distinct pairs with `term`, most shared first, at most `cap`. */
  candidates(term: string, minShared: number, options: { exclude: Int32Array; cap: number }): number[] {
    const touched: number[] = [];
    const seen = new Set<number>();
    for (let position = 1; position < term.length; position++) {
      const code = bigramCode(term, position);
      if (seen.has(code)) continue;
      seen.add(code);
      for (let posting = this.starts[code]!; posting < this.starts[code + 1]!; posting++) {
        const record = this.postings[posting]!;
        if (this.counts[record] === 0) touched.push(record);
        this.counts[record] = this.counts[record]! + 1;
      }
    }
    const chosen = touched.filter(
      (record) => this.counts[record]! >= minShared && !options.exclude.includes(record),
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
