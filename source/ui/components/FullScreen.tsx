import { Box } from 'ink';
import type { ReactNode } from 'react';
import { useTerminalSize } from '../hooks/useTerminalSize.js';

/**
 * Fills the terminal and re-renders on resize, as Shopify cli-kit's FullScreen does, since Ink 6 does not.
 * The alternate screen itself is entered before Ink draws its first frame (see `alternateScreen.ts`):
 * an effect here would run only after that frame had landed on the user's normal screen.
 */
export function FullScreen({ children }: { readonly children: ReactNode }) {
  const { columns, rows } = useTerminalSize();
  return (
    <Box width={columns} height={rows} flexDirection="column">
      {children}
    </Box>
  );
}
