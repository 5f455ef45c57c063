import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { keyTableMarkdown, keyTableRows } from '../../source/ui/screens/keyTables.js';

const README = new URL('../../README.md', import.meta.url);
const START =
  '<!-- key-table: made from source/ui/screens/keyTables.ts; test/ui/readmeKeys.test.ts checks it -->';
const END = '<!-- key-table end -->';

/** The cells of a Markdown table's body rows, as prettier may have padded them. */
function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe("the README's key table", () => {
  it('lists exactly the keys of the screens’ key tables', async () => {
    const readme = await readFile(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md has no line ${START}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const documented = tableCells(readme.slice(start + START.length, end));
    // On a difference, the expected table is in the message: paste it between the markers.
    expect(documented, `The README's key table should read:\n${keyTableMarkdown()}\n`).toEqual(
      keyTableRows(),
    );
  });
});
