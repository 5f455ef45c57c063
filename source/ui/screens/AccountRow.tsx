import { Text } from 'ink';
import { memo } from 'react';
import type { SearchHit } from '../../services/search/accountSearch.js';
import { tint } from '../colors.js';
import { fitPieces, highlightPieces, type Piece } from '../cells.js';
import { drawnPieces } from '../components/Highlight.js';
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
 * One row: a star for favorites, the name (and role), the id and the email as the width allows. One text,
 * each column cut and padded here to its exact width: a box per column made a row ten nodes that the
 * screen laid out and drew again for every frame, the letter typed as much as the rows. Drawn again only
 * when one of the props changes: the rows on screen stay the same objects until the ranking changes them.
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
  const name = fitPieces(
    [
      ...highlightPieces(row.account.accountName, matches.accountName),
      ...(row.kind === 'role' ? [ROLE_SEPARATOR, ...highlightPieces(row.roleName, matches.roleName)] : []),
    ],
    columns.nameWidth,
  );
  const id = columns.showId
    ? fitPieces(highlightPieces(row.account.accountId, matches.accountId), ID_WIDTH)
    : undefined;
  const email = columns.showEmail
    ? fitPieces(highlightPieces(row.account.emailAddress, matches.emailAddress), columns.emailWidth)
    : undefined;
  return (
    // Cut at the terminal's edge should the columns ever add up to more; they add up to less.
    <Text wrap="truncate-end">
      <Text color={selected ? tint('cyan') : undefined}>{selected ? symbols('›') : ' '}</Text>{' '}
      <Text color={tint('yellow')}>{favorite ? symbols('★') : ' '}</Text>{' '}
      <Text inverse={selected}>{drawnPieces(name.pieces)}</Text>
      {id ? (
        <>
          {' '.repeat(name.blank + 1)}
          <Text dimColor={!matches.accountId}>{drawnPieces(id.pieces)}</Text>
        </>
      ) : null}
      {email ? (
        <>
          {' '.repeat((id ? id.blank : name.blank) + 1)}
          <Text dimColor>{drawnPieces(email.pieces)}</Text>
        </>
      ) : null}
    </Text>
  );
});

/** Between an account's name and a role's, faint. */
const ROLE_SEPARATOR: Piece = { text: ' / ', matched: false, dim: true };
