import { Box, Text } from 'ink';
import type { KeyHint } from '../keyTable.js';
import { symbols } from '../symbols.js';

/**
 * Every key of the screen, made from the same table as the footer: the key, what it does, and when it
 * applies; those that do not apply right now are dim. Rows beyond the height are counted, not drawn.
 */
export function HelpOverlay({
  rows,
  height,
}: {
  readonly rows: readonly KeyHint[];
  readonly height: number;
}) {
  const keysWidth = Math.max(...rows.map((row) => symbols(row.keys).length));
  const fits = rows.length <= height ? rows.length : Math.max(0, height - 1);
  return (
    <Box flexDirection="column">
      {rows.slice(0, fits).map((row) => (
        <Text key={`${row.keys} ${row.action}`} wrap="truncate-end" dimColor={!row.active}>
          <Text bold>{symbols(row.keys).padEnd(keysWidth)}</Text> {symbols(row.action)}
          {row.when ? <Text dimColor> ({symbols(row.when)})</Text> : null}
        </Text>
      ))}
      {fits < rows.length ? (
        <Text dimColor wrap="truncate-end">
          {symbols(`… ${rows.length - fits} more in a taller terminal`)}
        </Text>
      ) : null}
    </Box>
  );
}
