import chalk from 'chalk';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountSearch } from '../../source/services/search/accountSearch.js';
import { createTextSearch } from '../../source/services/search/termMatcher.js';
import { terminalText } from '../../source/services/terminalText.js';
import { HOSTILE_PAYLOADS, hostileOrganization } from '../../source/simulator/index.js';
import { Highlight } from '../../source/ui/components/Highlight.js';
import { applyHyperlinkPreference, hyperlink } from '../../source/ui/hyperlinks.js';
import { AccountRow } from '../../source/ui/screens/AccountRow.js';

const saved = chalk.level;
afterEach(() => {
  chalk.level = saved;
  cleanup();
});

/** SGR sequences (colour, bold) are the only escapes the highlighter itself may write. */
const ESC = '\u001B';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const accounts = hostileOrganization().accounts.map(({ accountId, accountName, emailAddress }) => ({
  accountId,
  accountName,
  emailAddress,
}));

describe('search over names holding control characters', () => {
  it('ignores the controls: a zero-width space or an escape sequence does not split a word', () => {
    const search = createAccountSearch(accounts);
    const zeroWidth = accounts.find((account) => account.accountName.startsWith('zeroWidth'))!;
    expect(search.search('zerowidth-payments')[0]?.row.account).toBe(zeroWidth);
    const link = accounts.find((account) => account.accountName.startsWith('link'))!;
    // `]8;;https` reads as it is drawn once the ESC between the name and it is gone.
    expect(search.search('link-]8;;https')[0]?.row.account).toBe(link);
  });

  it('never matches a control character’s escape', () => {
    const search = createAccountSearch(accounts);
    for (const query of ['x1b', '\\x1b', 'u202e', 'x9b', 'x07']) {
      expect(
        search.search(query).map((hit) => hit.row.account.accountName),
        query,
      ).toEqual([]);
    }
    expect(createTextSearch([`Admin${HOSTILE_PAYLOADS.bidi}`])('u202e')).toEqual([]);
  });

  it('highlights exactly the characters matched in the escaped text, with no style inside an escape', () => {
    chalk.level = 1;
    const search = createAccountSearch(accounts);
    const [hit] = search.search('payments');
    expect(hit?.row.account.accountName).toMatch(/^zeroWidth-pay\u200Bments/);
    const { lastFrame } = render(
      <Highlight text={hit!.row.account.accountName} ranges={hit!.matches.accountName} />,
    );
    const frame = lastFrame() ?? '';
    expect(frame.replace(SGR, '')).toBe(terminalText(hit!.row.account.accountName));
    expect(frame.replace(SGR, '')).not.toMatch(RAW_CONTROL);
    // The highlighted run: `pay`, the escape of the zero-width space inside the match, `ments`.
    const highlighted = [...frame.matchAll(new RegExp(`${ESC}\\[33m([^${ESC}]*)${ESC}\\[39m`, 'g'))].map(
      (match) => match[1],
    );
    expect(highlighted.join('')).toBe('pay\\u200bments');
  });

  // ink-testing-library's terminal is 100 columns wide.
  it('draws every hostile row on one line with no raw control', () => {
    chalk.level = 1;
    const search = createAccountSearch(accounts);
    for (const hit of search.listed([]).slice()) {
      const { lastFrame } = render(<AccountRow hit={hit} selected={false} favorite={false} width={100} />);
      const frame = (lastFrame() ?? '').replace(SGR, '');
      expect(frame.split('\n'), hit.row.account.accountName).toHaveLength(1);
      expect(frame, hit.row.account.accountName).not.toMatch(RAW_CONTROL);
    }
  });
});

describe('terminal hyperlinks', () => {
  afterEach(() => applyHyperlinkPreference({}));

  it('link only a target of printable ASCII, and show their text escaped', () => {
    applyHyperlinkPreference({ TERM: 'xterm-256color' });
    expect(hyperlink('https://example.com/a?b=c')).toBe(
      '\u001B]8;;https://example.com/a?b=c\u0007https://example.com/a?b=c\u001B]8;;\u0007',
    );
    const hostile = `https://evil.example/${HOSTILE_PAYLOADS.clipboard}`;
    expect(hyperlink(hostile)).toBe(terminalText(hostile));
    expect(hyperlink('https://example.com/ x')).toBe('https://example.com/ x');
    expect(hyperlink('https://example.com/', `go${HOSTILE_PAYLOADS.title}`)).toBe(
      `\u001B]8;;https://example.com/\u0007go\\x1b]0;pwned\\x1b\\\u001B]8;;\u0007`,
    );
  });
});
