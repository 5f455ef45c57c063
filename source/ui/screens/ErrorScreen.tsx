import { Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/**
 * One sentence of what went wrong and what to do (describeError's line), a key to try again, and one to
 * correct the session's start URL and region (a wrong one would otherwise fail the same way every start).
 */
export function ErrorScreen({ screen, dispatch }: ScreenProps<'error'>) {
  useKeys((input, key) => {
    if (input === 'r' || key.return) dispatch({ type: 'retry' });
    else if (input === 'e') dispatch({ type: 'setupEditRequested' });
    else if (input === 'q') dispatch({ type: 'quit' });
    else if (key.escape) dispatch({ type: 'back' });
  });
  return (
    <ScreenFrame
      title="Something went wrong"
      hints={[
        { keys: 'r', action: 'retry' },
        { keys: 'e', action: 'edit the setup' },
        { keys: 'Esc', action: 'back' },
        { keys: 'q', action: 'quit' },
      ]}
    >
      <Text color="red" wrap="wrap">
        {terminalText(screen.message)}
      </Text>
    </ScreenFrame>
  );
}
