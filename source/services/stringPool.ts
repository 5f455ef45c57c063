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
