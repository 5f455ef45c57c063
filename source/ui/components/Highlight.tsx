import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { MatchRange } from '../../services/search/termMatcher.js';
import { highlightPieces, type Piece } from '../cells.js';
import { coloursOn, tint } from '../colors.js';

/**
 * `text` with the matched characters in bold colour; under NO_COLOR, bold and underlined. The text is
 * drawn through terminalText, and the ranges (found in its searchable form) are moved to match.
 */
export function Highlight({
  text,
  ranges,
}: {
  readonly text: string;
  readonly ranges?: readonly MatchRange[];
}) {
  return <Text>{drawnPieces(highlightPieces(text, ranges))}</Text>;
}

/** Pieces as the children of a text: matched ones highlighted, dim ones faint, the rest as they are. */
export function drawnPieces(pieces: readonly Piece[]): ReactNode[] {
  return pieces.map((piece, index) =>
    piece.matched ? (
      <Text key={index} bold color={tint('yellow')} underline={!coloursOn()}>
        {piece.text}
      </Text>
    ) : piece.dim ? (
      <Text key={index} dimColor>
        {piece.text}
      </Text>
    ) : (
      piece.text
    ),
  );
}
