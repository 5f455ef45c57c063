import { Box, Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { textEditFor } from '../components/textEditing.js';
import { TextField } from '../components/TextField.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/** No `[sso-session]` configured: ask for the start URL and the region, then save them as one. */
export function SetupScreen({ screen, dispatch }: ScreenProps<'setup'>) {
  useKeys((input, key) => {
    if (screen.saving) return;
    if (key.escape) return dispatch({ type: 'back' });
    if (key.tab || key.upArrow || key.downArrow) return dispatch({ type: 'setupFieldSwitched' });
    if (key.return) return dispatch({ type: 'setupSubmitted' });
    const edit = textEditFor(input, key);
    if (edit) dispatch({ type: 'setupEdited', edit });
  });
  return (
    <ScreenFrame
      title="Set up an SSO session"
      hints={[
        { keys: 'Tab', action: 'next field' },
        { keys: 'Enter', action: screen.field === 'region' ? 'save' : 'next' },
        { keys: 'Esc', action: 'quit' },
      ]}
    >
      <Text wrap="wrap">
        No SSO session is configured. Type your AWS access portal URL and the IAM Identity Center region; they
        are saved as an [sso-session] section of the AWS config file.
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <TextField
          label="Start URL:"
          value={screen.startUrl}
          focused={screen.field === 'startUrl'}
          placeholder="https://my-company.awsapps.com/start"
        />
        <TextField
          label="Region:   "
          value={screen.region}
          focused={screen.field === 'region'}
          placeholder="us-east-1"
        />
      </Box>
      {screen.problem ? <Text color="red">{terminalText(screen.problem)}</Text> : null}
      {screen.saving ? <Spinner label="Saving…" /> : null}
    </ScreenFrame>
  );
}
