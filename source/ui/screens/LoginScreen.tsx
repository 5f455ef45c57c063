import { Box, Text } from 'ink';
import { Countdown } from '../components/Countdown.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { textEditFor } from '../components/textEditing.js';
import { TextField } from '../components/TextField.js';
import { hyperlink } from '../hyperlinks.js';
import { terminalText } from '../../services/terminalText.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/**
 * The sign-in under way: the full URL (never cut: it is what the user copies over SSH), a spinner, the
 * time left; `o` opens it again, `c` copies it, and the callback URL the browser ended on can be pasted.
 * `o` and `c` are keys only while the paste field is empty: a paste starts with `http`.
 */
export function LoginScreen({ screen, data, dispatch, clock }: ScreenProps<'login'>) {
  const display = screen.display;
  const canPaste = display?.kind === 'authCode';
  useKeys((input, key) => {
    if (key.escape) return dispatch({ type: 'back' });
    if (!display) return;
    if (screen.pasted === '' && input === 'o') return dispatch({ type: 'loginUrlOpened' });
    if (screen.pasted === '' && input === 'c') return dispatch({ type: 'loginUrlCopied' });
    if (!canPaste) return;
    if (key.return) return dispatch({ type: 'pasteSubmitted' });
    const edit = textEditFor(input, key);
    if (edit) dispatch({ type: 'pasteEdited', edit });
  });

  const hints = [
    ...(display
      ? [
          { keys: 'o', action: 'open browser' },
          { keys: 'c', action: 'copy URL' },
        ]
      : []),
    ...(canPaste && screen.pasted ? [{ keys: 'Enter', action: 'use pasted address' }] : []),
    { keys: 'Esc', action: 'cancel' },
  ];
  return (
    <ScreenFrame title={`Sign in to ${data.session?.startUrl ?? 'AWS'}`} hints={hints}>
      {screen.reason ? <Text color="yellow">{terminalText(screen.reason)}</Text> : null}
      {!display ? (
        <Spinner label="Starting the sign-in…" />
      ) : (
        <Box flexDirection="column" rowGap={1}>
          {/* On a narrow terminal the time left moves below whole rather than squeezing beside it. */}
          <Box columnGap={1} flexWrap="wrap">
            <Spinner label="Waiting for the sign-in in the browser;" />
            <Text>
              time left <Countdown until={display.deadline} clock={clock} />
            </Text>
          </Box>
          {display.kind === 'deviceCode' ? (
            <Box flexDirection="column">
              <Text>Open {terminalText(display.verificationUri)} and enter the code:</Text>
              <Box borderStyle="round" paddingX={2} alignSelf="flex-start">
                <Text bold>{[...display.userCode].map(terminalText).join(' ')}</Text>
              </Box>
              <Text>or open this address:</Text>
            </Box>
          ) : (
            <Text>Open this address in a browser:</Text>
          )}
          <Text color="cyan" wrap="wrap">
            {hyperlink(display.url)}
          </Text>
          <BrowserNote outcome={screen.browser} />
          {canPaste ? (
            <Box flexDirection="column">
              <Text dimColor wrap="wrap">
                If the browser runs on another machine, paste here the address it ends on (
                {terminalText(display.redirectUri)}
                ?code=…) and press Enter.
              </Text>
              <TextField label="›" value={screen.pasted} focused />
            </Box>
          ) : null}
        </Box>
      )}
      {screen.problem ? <Text color="red">{terminalText(screen.problem)}</Text> : null}
      {screen.notice ? <Text dimColor>{terminalText(screen.notice)}</Text> : null}
    </ScreenFrame>
  );
}

function BrowserNote({ outcome }: { readonly outcome: ScreenProps<'login'>['screen']['browser'] }) {
  if (outcome === 'opened') return <Text dimColor>The browser was opened.</Text>;
  if (outcome === 'failed')
    return <Text color="yellow">The browser could not be opened; open the address by hand.</Text>;
  if (outcome === 'headless')
    return <Text dimColor>No browser here: open the address on a machine that has one.</Text>;
  return null;
}
