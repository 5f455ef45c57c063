/**
 * Rows in order, as a list on screen reads them: an array is one, and so is a search's answer, which makes
 * each row only when it is asked for (the rows on screen, not the 100,000 a broad query finds).
 */
export interface RowList<Row> {
  readonly length: number;
  /** The row at `index` from the top (from the end if negative), as Array.prototype.at takes it. */
  at(index: number): Row | undefined;
  /** The rows from `start` up to `end`, as Array.prototype.slice takes them. */
  slice(start?: number, end?: number): Row[];
}
