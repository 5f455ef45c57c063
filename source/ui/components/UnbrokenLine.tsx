import { Box, Text } from 'ink';
import { useScreenSize } from '../hooks/useTerminalSize.js';
import { rowsFor, unbrokenRowMarker } from '../unbrokenRows.js';

/**
 * A line the terminal gets in one piece and soft-wraps (see unbrokenRows): Ink lays out a placeholder of the
 * rows it will take, and the frame writer puts the line there. `text` is what `line` shows, without its
 * escape sequences (a hyperlink's), for measuring.
 */
export function UnbrokenLine({ line, text }: { readonly line: string; readonly text: string }) {
  const { columns } = useScreenSize();
  const rows = rowsFor(text, columns);
  return (
    <Box height={rows} flexShrink={0} overflow="hidden">
      <Text wrap="truncate-end">{unbrokenRowMarker(line, rows)}</Text>
    </Box>
  );
}
