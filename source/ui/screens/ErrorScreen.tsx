import { Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { tint } from '../colors.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { anyOf, helpKeys, named, send, typed } from '../keyTable.js';
import type { ScreenProps } from './screenProps.js';

/** The error screen's keys: the footer, the help overlay and the handler are made from it. */
export const ERROR_KEYS = {
  retry: {
    keys: 'r Enter',
    short: 'r',
    action: 'retry',
    matches: anyOf(typed('r'), named('return')),
    sends: send({ type: 'retry' }),
  },
  edit: {
    keys: 'e',
    action: 'edit the setup',
    matches: typed('e'),
    sends: send({ type: 'setupEditRequested' }),
  },
  back: { keys: 'Esc', action: 'back', matches: named('escape'), sends: send({ type: 'back' }) },
  quit: { keys: 'q', action: 'quit', matches: typed('q'), sends: send({ type: 'quit' }) },
  ...helpKeys<undefined>(),
};

/**
 * One sentence of what went wrong and what to do (ui/errorWords.ts words it), a key to try again, and one to
 * correct the session's start URL and region (a wrong one would otherwise fail the same way every start).
 */
export function ErrorScreen({ screen, dispatch }: ScreenProps<'error'>) {
  useScreenKeys(ERROR_KEYS, undefined, dispatch);
  return (
    <ScreenFrame title="Something went wrong" keys={ERROR_KEYS} keyState={undefined}>
      <Text color={tint('red')} wrap="wrap">
        {terminalText(screen.message)}
      </Text>
    </ScreenFrame>
  );
}
