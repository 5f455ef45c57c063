import { Box, Text } from 'ink';
import { memo } from 'react';
import type { SearchHit } from '../../services/search/accountSearch.js';
import { tint } from '../colors.js';
import { Highlight } from '../components/Highlight.js';
import { symbols } from '../symbols.js';

const ID_WIDTH = 12;
/** The marker and the star, each with its gap. */
const LEAD = 4;
/** Room the name keeps before the id is given up: names tell accounts apart, ids only confirm them. */
const NAME_FIRST = 24;
/** From this width the email column shows, its longest values cut. */
export const EMAIL_FROM = 90;

export interface AccountColumns {
  readonly nameWidth: number;
  readonly showId: boolean;
  readonly showEmail: boolean;
  readonly emailWidth: number;
}

/**
 * How a row of `width` columns is shared: the name first; then the id, once the name has NAME_FIRST
 * columns beside it; then, from EMAIL_FROM columns, the email. Every width is exact, the last column left
 * free: left to flex, a long email came out a column too wide and the terminal wrapped the row.
 */
export function accountColumns(width: number): AccountColumns {
  const room = width - LEAD - 1;
  const showId = room >= NAME_FIRST + 1 + ID_WIDTH;
  const showEmail = width >= EMAIL_FROM;
  const afterName = showId ? room - 1 - ID_WIDTH : room;
  const nameWidth = showEmail ? Math.floor(afterName * 0.55) : afterName;
  return { nameWidth, showId, showEmail, emailWidth: Math.max(0, afterName - nameWidth - 1) };
}

/** The columns a row leaves out at this width, for the header to say so: `id, email`. */
export function hiddenColumns(width: number): string[] {
  const columns = accountColumns(width);
  return [...(columns.showId ? [] : ['id']), ...(columns.showEmail ? [] : ['email'])];
}

/**
 * One row: a star for favorites, the name (and role), the id and the email as the width allows. Drawn again
 * only when one of these changes: the screen redraws for every key and every batch of role lists, and the
 * rows on screen stay the same objects until the ranking changes them.
 */
export const AccountRow = memo(function AccountRow({
  hit,
  selected,
  favorite,
  width,
}: {
  readonly hit: SearchHit;
  readonly selected: boolean;
  readonly favorite: boolean;
  readonly width: number;
}) {
  const { row, matches } = hit;
  const columns = accountColumns(width);
  return (
    // Clipped to its line only: the widths above add up to less than the terminal's, and a sideways clip
    // would cut every text of the row again (slice-ansi) for each row drawn.
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
        <Box width={ID_WIDTH} flexShrink={0}>
          <Text dimColor={!matches.accountId}>
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
});
