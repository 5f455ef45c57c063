/**
 * One copy per distinct text. Role names repeat across thousands of accounts (a permission set is the
 * same name everywhere), and each read from JSON or the API is a fresh string: at 100,000 accounts the
 * copies are ~12 MB of a heap the pool keeps to a few kilobytes.
 */
export function createStringPool(): (text: string) => string {
  const pool = new Map<string, string>();
  return (text) => {
    const known = pool.get(text);
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
}

/** Distinct lists a pool keeps at most: beyond, a list is its own (a hostile portal cannot grow it). */
const MAX_LISTS = 10_000;

/**
 * One copy per distinct list of texts, frozen. Accounts share a few role lists (the permission sets given
 * to a group of accounts), and each read from JSON or the API is a fresh array: at 100,000 accounts ~5 MB
 * of arrays a pool keeps to one per distinct list.
 */
export function createListPool(): (texts: readonly string[]) => readonly string[] {
  const pool = new Map<string, readonly string[]>();
  return (texts) => {
    // The key may join two lists into one ("a\nb" and "a", "b"): the lists themselves are compared.
    const key = texts.join('\n');
    const known = pool.get(key);
    if (known) return sameTexts(known, texts) ? known : texts;
    if (pool.size >= MAX_LISTS) return texts;
    const kept = Object.freeze([...texts]);
    pool.set(key, kept);
    return kept;
  };
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}
