import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { footerHints, helpRows, isHelpKey, type KeyTable } from '../keyTable.js';
import { HELP_OVERLAY_KEYS } from './KeyboardRoute.js';
import { useHelp } from '../hooks/useKeys.js';
import { useScreenSize } from '../hooks/useTerminalSize.js';
import { symbols } from '../symbols.js';
import { HelpOverlay } from './HelpOverlay.js';
import { KeyBar } from './KeyBar.js';
import { terminalText } from '../../services/terminalText.js';

/** Lines a frame takes besides its body: the title and the one-line footer. */
export const FRAME_LINES = 2;

/**
 * Every screen's layout: a title line, the body, and the footer of keys at the bottom. The footer and the
 * help overlay (drawn over the body while open) are both made from the screen's key table.
 */
export function ScreenFrame<State>({
  title,
  right,
  keys,
  keyState,
  children,
}: {
  readonly title: string;
  readonly right?: ReactNode;
  readonly keys: KeyTable<State>;
  readonly keyState: State;
  readonly children: ReactNode;
}) {
  const help = useHelp();
  const size = useScreenSize();
  const hints = footerHints(keys, keyState);
  const helpHint = hints.find((hint) => isHelpKey(hint.name));
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box justifyContent="space-between" columnGap={2} flexShrink={0} height={1} overflow="hidden">
        <Text bold wrap="truncate-end">
          {symbols(help.open ? `Keys · ${terminalText(title)}` : terminalText(title))}
        </Text>
        {help.open ? null : right}
      </Box>
      {/* A body taller than the terminal is cut at its bottom: left to shrink, Yoga would squeeze its rows
          to nothing and draw the next ones over them (the access key under the secret at 40×12). */}
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        <Box flexDirection="column" flexGrow={1} flexShrink={0}>
          {help.open ? (
            <HelpOverlay rows={helpRows(keys, keyState)} height={size.rows - FRAME_LINES} />
          ) : (
            children
          )}
        </Box>
      </Box>
      {help.open ? (
        <KeyBar hints={footerHints(HELP_OVERLAY_KEYS, undefined)} width={size.columns} />
      ) : (
        <KeyBar
          hints={hints.filter((hint) => hint !== helpHint)}
          {...(helpHint ? { help: helpHint } : {})}
          width={size.columns}
        />
      )}
    </Box>
  );
}
