/** Readings of the rebuilt screen shared by the e2e tests. */

const COUNT_LINE = /^\d[\d,]* \/ \d[\d,]*/;

/**
 * The list rows of a type-to-filter screen: the lines after the `37 / 3,000` count that start with a row's
 * marker column (`›`, `>` or blank), up to a blank line or the footer.
 */
export function listRows(lines: readonly string[]): string[] {
  const count = lines.findIndex((line) => COUNT_LINE.test(line));
  if (count === -1) return [];
  const rows: string[] = [];
  for (const line of lines.slice(count + 1)) {
    if (line.trim() === '' || !/^[›> ]/.test(line)) break;
    rows.push(line);
  }
  return rows;
}

/** The row under the cursor (`›` in the first column), if any. */
export function selectedRow(lines: readonly string[]): string | undefined {
  return listRows(lines).find((row) => row.startsWith('›'));
}

/** The account name and id a row shows (`› ★ name  123456789012 …`). */
export function rowAccount(row: string): { readonly name: string; readonly id: string } | undefined {
  const match = /^[› ] [★ ] (\S+)\s+(\d{12})\b/.exec(row);
  return match ? { name: match[1]!, id: match[2]! } : undefined;
}

/** The account name typed with one typo: two letters of its first 5+ letter word swapped. */
export function withTypo(name: string): string {
  const word = /[a-z]{5,}/.exec(name);
  if (!word) throw new Error(`${name} has no word of five letters or more to misspell.`);
  const at = word.index + 2;
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}
