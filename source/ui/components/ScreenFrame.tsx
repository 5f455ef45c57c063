import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyBar, type KeyHint } from './KeyBar.js';
import { terminalText } from '../../services/terminalText.js';

/** Lines a frame takes besides its body: the title and the key bar (which may wrap to two at 60 columns). */
export const FRAME_LINES = 3;

/** Every screen's layout: a title line, the body, and the key bar at the bottom. */
export function ScreenFrame({
  title,
  right,
  hints,
  children,
}: {
  readonly title: string;
  readonly right?: ReactNode;
  readonly hints: readonly KeyHint[];
  readonly children: ReactNode;
}) {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box justifyContent="space-between" columnGap={2} flexShrink={0}>
        <Text bold wrap="truncate-end">
          {terminalText(title)}
        </Text>
        {right}
      </Box>
      {/* A body taller than the terminal is cut at its bottom: left to shrink, Yoga would squeeze its rows
          to nothing and draw the next ones over them (the access key under the secret at 40×12). */}
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        <Box flexDirection="column" flexGrow={1} flexShrink={0}>
          {children}
        </Box>
      </Box>
      <KeyBar hints={hints} />
    </Box>
  );
}
