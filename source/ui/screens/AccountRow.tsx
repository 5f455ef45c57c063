import { Box, Text } from 'ink';
import type { SearchHit } from '../../services/search/accountSearch.js';
import { Highlight } from '../components/Highlight.js';

const ID_WIDTH = 12;

/**
 * One row: a star for favorites, the name (and role), the id, and the email when there is room; at 60
 * columns the name and id still fit. The id never gives way (a shrunk id box breaks the id over two lines):
 * a row too long cuts the email, or, on a terminal too narrow for any email, the name.
 */
export function AccountRow({
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
  const showEmail = width >= 90;
  const nameWidth = Math.max(16, Math.floor((width - ID_WIDTH - 6) * (showEmail ? 0.55 : 1)));
  // An exact width, what the marker, the star, the name, the id and the gaps leave, less the last column:
  // left to flex, a long email came out a column too wide and the terminal wrapped the row.
  const emailWidth = Math.max(0, width - nameWidth - ID_WIDTH - 7);
  return (
    <Box columnGap={1}>
      <Text color={selected ? 'cyan' : undefined}>{selected ? '›' : ' '}</Text>
      <Text color="yellow">{favorite ? '★' : ' '}</Text>
      <Box width={nameWidth} flexShrink={showEmail ? 0 : 1}>
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
      <Box width={ID_WIDTH} flexShrink={0}>
        <Text dimColor={!matches.accountId}>
          <Highlight text={row.account.accountId} ranges={matches.accountId} />
        </Text>
      </Box>
      {showEmail ? (
        <Box width={emailWidth} flexShrink={0}>
          <Text wrap="truncate-end" dimColor>
            <Highlight text={row.account.emailAddress} ranges={matches.emailAddress} />
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
