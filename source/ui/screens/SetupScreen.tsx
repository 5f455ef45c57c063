import { Box, Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { tint } from '../colors.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { textEditFor } from '../components/textEditing.js';
import { TextField } from '../components/TextField.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { ctrl, helpKeys, named, text } from '../keyTable.js';
import type { ScreenProps } from './screenProps.js';

interface SetupKeyState {
  readonly field: 'startUrl' | 'region';
  /** What the focused field holds. */
  readonly value: string;
  readonly saving: boolean;
}

const editable = (state: SetupKeyState): boolean => !state.saving;

/** The setup form's keys: the footer, the help overlay and the handler are made from it. */
export const SETUP_KEYS = {
  nextField: {
    keys: 'Tab ↑↓',
    short: 'Tab',
    action: 'next field',
    active: editable,
    matches: named('tab', 'upArrow', 'downArrow'),
  },
  submit: {
    keys: 'Enter',
    action: (state: SetupKeyState) => (state.field === 'region' ? 'save' : 'next'),
    active: editable,
    matches: named('return'),
  },
  quit: { keys: 'Esc', action: 'quit', active: editable, matches: named('escape') },
  ...helpKeys<SetupKeyState>((state) => state.value !== ''),
  type: {
    keys: 'type',
    action: 'the start URL, then the region',
    active: editable,
    footer: false,
    matches: text,
  },
  backspace: {
    keys: 'Backspace',
    action: 'delete a character',
    active: editable,
    footer: false,
    matches: named('backspace', 'delete'),
  },
  clearField: { keys: '^U', action: 'clear the field', active: editable, footer: false, matches: ctrl('u') },
};

/** No `[sso-session]` configured: ask for the start URL and the region, then save them as one. */
export function SetupScreen({ screen, dispatch }: ScreenProps<'setup'>) {
  const keyState: SetupKeyState = {
    field: screen.field,
    value: screen.field === 'region' ? screen.region : screen.startUrl,
    saving: screen.saving,
  };
  useScreenKeys(SETUP_KEYS, keyState, (name, press) => {
    switch (name) {
      case 'nextField':
        return dispatch({ type: 'setupFieldSwitched' });
      case 'submit':
        return dispatch({ type: 'setupSubmitted' });
      case 'quit':
        return dispatch({ type: 'back' });
      case 'type':
      case 'backspace':
      case 'clearField': {
        const edit = textEditFor(press.input, press.key);
        if (edit) dispatch({ type: 'setupEdited', edit });
        return;
      }
    }
  });
  return (
    <ScreenFrame title="Set up an SSO session" keys={SETUP_KEYS} keyState={keyState}>
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
      {screen.problem ? <Text color={tint('red')}>{terminalText(screen.problem)}</Text> : null}
      {screen.saving ? <Spinner label="Saving…" /> : null}
    </ScreenFrame>
  );
}
