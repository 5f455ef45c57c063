import { Box, Text } from 'ink';
import type { KeyHint } from '../keyTable.js';
import { symbols } from '../symbols.js';

const GAP = 2;

/**
 * The footer: one line of the keys that apply now, in the table's order, as many as fit the width; the help
 * key (`? help`, or `F1 help` where `?` is text) always ends it, so whatever was cut is a key away. One line
 * at any width, so the rows above never move with the footer's length.
 */
export function KeyBar({
  hints,
  help,
  width,
}: {
  readonly hints: readonly KeyHint[];
  readonly help?: KeyHint;
  readonly width: number;
}) {
  const label = (hint: KeyHint): string => symbols(`${hint.keys} ${hint.action}`);
  let room = width - 1 - (help ? label(help).length + GAP : 0);
  const shown: KeyHint[] = [];
  for (const hint of hints) {
    const needed = label(hint).length + (shown.length > 0 ? GAP : 0);
    if (needed > room) break;
    shown.push(hint);
    room -= needed;
  }
  return (
    <Box columnGap={GAP} flexShrink={0} height={1} overflow="hidden">
      {[...shown, ...(help ? [help] : [])].map((hint) => (
        <Text key={hint.keys} wrap="truncate-end">
          <Text bold>{symbols(hint.keys)}</Text> <Text dimColor>{symbols(hint.action)}</Text>
        </Text>
      ))}
    </Box>
  );
}
