import { Box, Text } from 'ink';
import { terminalText } from '../../services/terminalText.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { textEditFor } from '../components/textEditing.js';
import { TextField } from '../components/TextField.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/** Writes the credentials (or an SSO profile) under a profile name; asks before replacing one. */
export function ExportDialogScreen({ screen, dispatch }: ScreenProps<'exportDialog'>) {
  const { phase } = screen;
  useKeys((input, key) => {
    if (phase === 'writing') return;
    if (phase === 'done') {
      if (key.return || key.escape) dispatch({ type: 'back' });
      return;
    }
    if (phase === 'confirmOverwrite') {
      if (input === 'y' || input === 'Y') dispatch({ type: 'overwriteAnswered', yes: true });
      else if (input === 'n' || input === 'N' || key.escape)
        dispatch({ type: 'overwriteAnswered', yes: false });
      return;
    }
    if (key.escape) return dispatch({ type: 'back' });
    if (key.tab) return dispatch({ type: 'exportTargetSwitched' });
    if (key.return) return dispatch({ type: 'exportSubmitted' });
    const edit = textEditFor(input, key);
    if (edit) dispatch({ type: 'profileNameEdited', edit });
  });
  const hints =
    phase === 'done'
      ? [{ keys: 'Enter', action: 'back' }]
      : phase === 'confirmOverwrite'
        ? [
            { keys: 'y', action: 'replace' },
            { keys: 'n', action: 'keep' },
          ]
        : phase === 'writing'
          ? []
          : [
              { keys: 'Tab', action: 'static / SSO profile' },
              { keys: 'Enter', action: 'write' },
              { keys: 'Esc', action: 'cancel' },
            ];
  return (
    <ScreenFrame title={`Export ${screen.over.account.accountName} / ${screen.over.roleName}`} hints={hints}>
      <TextField label="Profile name:" value={screen.profileName} focused={phase === 'editing'} />
      <Box flexDirection="column" marginTop={1}>
        <Text>{screen.target === 'static' ? '(•)' : '( )'} static credentials in ~/.aws/credentials</Text>
        <Text>
          {screen.target === 'sso' ? '(•)' : '( )'} SSO profile in ~/.aws/config (refreshes by itself)
        </Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        {phase === 'writing' ? <Spinner label="Writing…" /> : null}
        {phase === 'confirmOverwrite' ? (
          <Text color="yellow">
            The profile {terminalText(screen.profileName.trim())} exists. Replace it? (y/n)
          </Text>
        ) : null}
        {phase === 'done' && screen.written ? (
          <Text color="green" wrap="wrap">
            Wrote the profile {terminalText(screen.written.profile)} to {terminalText(screen.written.file)}.
          </Text>
        ) : null}
        {screen.problem ? (
          <Text color="red" wrap="wrap">
            {terminalText(screen.problem)}
          </Text>
        ) : null}
      </Box>
    </ScreenFrame>
  );
}
