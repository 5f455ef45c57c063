import { Box, Text } from 'ink';
import type { SearchHit } from '../../services/accountSearch.js';
import { Highlight } from '../components/Highlight.js';

const ID_WIDTH = 12;

/**
 * One row: a star for favorites, the name (and role), the id, and the email when there is room; at 60
 * columns the name and id still fit.
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
  return (
    <Box columnGap={1}>
      <Text color={selected ? 'cyan' : undefined}>{selected ? '›' : ' '}</Text>
      <Text color="yellow">{favorite ? '★' : ' '}</Text>
      <Box width={nameWidth}>
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
      <Box width={ID_WIDTH}>
        <Text dimColor={!matches.accountId}>
          <Highlight text={row.account.accountId} ranges={matches.accountId} />
        </Text>
      </Box>
      {showEmail ? (
        <Text wrap="truncate-end" dimColor>
          <Highlight text={row.account.emailAddress} ranges={matches.emailAddress} />
        </Text>
      ) : null}
    </Box>
  );
}
