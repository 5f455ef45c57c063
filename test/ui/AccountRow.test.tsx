import chalk from 'chalk';
import fc from 'fast-check';
import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../source/services/search/accountSearch.js';
import { tint } from '../../source/ui/colors.js';
import { Highlight } from '../../source/ui/components/Highlight.js';
import { applySymbolPreference, symbols } from '../../source/ui/symbols.js';
import { AccountRow, accountColumns } from '../../source/ui/screens/AccountRow.js';

const savedLevel = chalk.level;
afterEach(() => {
  cleanup();
  chalk.level = savedLevel;
  applySymbolPreference({ LANG: 'C.UTF-8' }, 'linux');
});

const account = {
  accountId: '695999792160',
  accountName: 'fraud-detection-sandbox',
  emailAddress: 'aws+fraud-detection-sandbox@example.com',
};

// ink-testing-library's terminal is 100 columns wide: at that width this email does not fit whole.
const COLUMNS = 100;

/**
 * The row as Ink lays it out with a box per column, each text cut by Ink itself (`truncate-end`): the
 * layout AccountRow draws as one text, cut and padded by hand, for the speed of every frame.
 */
function BoxedRow({ hit, selected, favorite, width }: Parameters<typeof AccountRow>[0]) {
  const { row, matches } = hit;
  const columns = accountColumns(width);
  return (
    <Box columnGap={1} height={1} overflowY="hidden">
      <Text color={selected ? tint('cyan') : undefined}>{selected ? symbols('›') : ' '}</Text>
      <Text color={tint('yellow')}>{favorite ? symbols('★') : ' '}</Text>
      <Box width={columns.nameWidth} flexShrink={0}>
        <Text wrap="truncate-end" inverse={selected}>
          <Highlight text={row.account.accountName} ranges={matches.accountName} />
          {row.kind === 'role' ? (
            <Text>
              <Text dimColor> / </Text>
              <Highlight text={row.roleName} ranges={matches.roleName} />
            </Text>
          ) : null}
        </Text>
      </Box>
      {columns.showId ? (
        <Box width={12} flexShrink={0}>
          <Text wrap="truncate-end" dimColor={!matches.accountId}>
            <Highlight text={row.account.accountId} ranges={matches.accountId} />
          </Text>
        </Box>
      ) : null}
      {columns.showEmail ? (
        <Box width={columns.emailWidth} flexShrink={0}>
          <Text wrap="truncate-end" dimColor>
            <Highlight text={row.account.emailAddress} ranges={matches.emailAddress} />
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

function frameOf(element: React.ReactElement): string {
  const { lastFrame, unmount } = render(element);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

const SGR = new RegExp(String.raw`\u001B\[[0-9;]*m`, 'g');

describe('an account row', () => {
  it('cuts a long email rather than the id when the row is too long for the terminal', () => {
    const lines = frameOf(
      <AccountRow
        hit={{ row: { kind: 'account', account }, score: 0, matches: {} }}
        selected={false}
        favorite={false}
        width={COLUMNS}
      />,
    ).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/fraud-detection-sandbox +695999792160 aws\+fraud-detection-sandbox@exam\S*…$/);
    expect(lines[0]!.length).toBeLessThan(COLUMNS);
  });

  it('cuts to `...` on a terminal without UTF-8', () => {
    applySymbolPreference({ LANG: 'C' }, 'linux');
    const line = frameOf(
      <AccountRow
        hit={{ row: { kind: 'account', account }, score: 0, matches: {} }}
        selected
        favorite
        width={COLUMNS}
      />,
    );
    expect(line).toMatch(
      /^> \* fraud-detection-sandbox +695999792160 aws\+fraud-detection-sandbox@exa\S*\.\.\.$/,
    );
  });

  it('shows the same characters in the same columns as a box per column would, in colour and without', () => {
    // Names of letters and combining characters, matched ranges anywhere, any width. Wide characters are
    // the test below: where one straddles the cut, Ink's own cut (slice-ansi) keeps it and overflows the box.
    const character = fc.constantFrom('a', 'Z', '-', ' ', 'é', 'e\u0301', 'ß', '/', '.');
    const text = (max: number) =>
      fc.array(character, { minLength: 1, maxLength: max }).map((parts) => parts.join(''));
    const ranges = (field: string) =>
      fc
        .array(fc.nat({ max: Math.max(0, field.length - 1) }), { maxLength: 4 })
        .map((starts) =>
          [...new Set(starts)].sort((a, b) => a - b).map((start) => [start, start] as [number, number]),
        );
    const hits = fc
      .record({
        accountName: text(40),
        accountId: fc.oneof(fc.stringMatching(/^\d{12}$/), text(14)),
        emailAddress: text(60),
        roleName: fc.option(text(30), { nil: undefined }),
      })
      .chain((fields) =>
        fc.record({
          fields: fc.constant(fields),
          nameRanges: ranges(fields.accountName),
          idRanges: ranges(fields.accountId),
          emailRanges: ranges(fields.emailAddress),
          roleRanges: ranges(fields.roleName ?? ''),
          selected: fc.boolean(),
          favorite: fc.boolean(),
          width: fc.integer({ min: 20, max: 100 }),
          colour: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(hits, (drawn) => {
        chalk.level = drawn.colour ? 1 : 0;
        const { accountName, accountId, emailAddress, roleName } = drawn.fields;
        const row = { accountName, accountId, emailAddress };
        const hit: SearchHit = {
          row:
            roleName === undefined
              ? { kind: 'account', account: row }
              : { kind: 'role', account: row, roleName },
          score: 0,
          matches: {
            accountName: drawn.nameRanges,
            accountId: drawn.idRanges,
            emailAddress: drawn.emailRanges,
            ...(roleName === undefined ? {} : { roleName: drawn.roleRanges }),
          },
        };
        const props = { hit, selected: drawn.selected, favorite: drawn.favorite, width: drawn.width };
        const flat = frameOf(<AccountRow {...props} />);
        const boxed = frameOf(<BoxedRow {...props} />);
        expect(flat.replace(SGR, '')).toBe(boxed.replace(SGR, ''));
        if (drawn.colour) expect(flat).toBe(boxed);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps wide characters whole: one that would straddle a column’s end is left out, its column blank', () => {
    const wide = { accountId: '123456789012', accountName: '漢字'.repeat(12), emailAddress: 'x@example.com' };
    const drawn = (accountName: string) =>
      frameOf(
        <AccountRow
          hit={{ row: { kind: 'account', account: { ...wide, accountName } }, score: 0, matches: {} }}
          selected={false}
          favorite={false}
          width={60}
        />,
      );
    // At 60 columns the name has 42, 41 before the mark: twenty wide characters, and a blank.
    expect(accountColumns(60).nameWidth).toBe(42);
    expect(drawn(wide.accountName)).toBe(`    ${'漢字'.repeat(10)}…  123456789012`);
    // With one narrow character before them, twenty wide ones fill the 41 columns exactly.
    expect(drawn(`a${wide.accountName}`)).toBe(`    a${'漢字'.repeat(10)}… 123456789012`);
  });
});
