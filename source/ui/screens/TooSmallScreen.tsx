import { Text } from 'ink';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { symbols } from '../symbols.js';

/**
 * The smallest terminal every screen fits without drawing over itself: the footer's essential keys and the
 * credentials' labelled fields need 40 columns, the account list a few rows besides its query and count.
 */
export const MINIMUM_SIZE: TerminalSize = { columns: 40, rows: 10 };

/**
 * Drawn instead of the screen below the minimum size, as much of it as fits; the flow goes on behind it and
 * comes back as it was when the terminal grows. Ctrl-C still quits.
 */
export function TooSmallScreen({ size }: { readonly size: TerminalSize }) {
  const need = `${MINIMUM_SIZE.columns}×${MINIMUM_SIZE.rows}`;
  return (
    <Text wrap="wrap">
      {symbols(`terminal too small — need ${need} (now ${size.columns}×${size.rows}); ^C quits`)}
    </Text>
  );
}
