/**
 * Every field of every record in one lower-case string, one per line: finding a word is one native string
 * search that skips the records without it, instead of a search in each of 300,000 short strings.
 */
export class SearchTexts {
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
export class FoundScores {
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
