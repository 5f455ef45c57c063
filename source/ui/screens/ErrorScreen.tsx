import { Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/** One sentence of what went wrong and what to do (describeError's line), and a key to try again. */
export function ErrorScreen({ screen, dispatch }: ScreenProps<'error'>) {
  useKeys((input, key) => {
    if (input === 'r' || key.return) dispatch({ type: 'retry' });
    else if (input === 'q') dispatch({ type: 'quit' });
    else if (key.escape) dispatch({ type: 'back' });
  });
  return (
    <ScreenFrame
      title="Something went wrong"
      hints={[
        { keys: 'r', action: 'retry' },
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
