import { Box, Text } from 'ink';
import { tint } from '../colors.js';
import { Countdown } from '../components/Countdown.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { TextField } from '../components/TextField.js';
import { UnbrokenLine } from '../components/UnbrokenLine.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { hyperlink } from '../hyperlinks.js';
import { applies, helpKeys, named, send, textFieldKeys, typed } from '../keyTable.js';
import { asciiOnly, symbols } from '../symbols.js';
import { terminalText } from '../../services/terminalText.js';
import type { ScreenProps } from './screenProps.js';

interface SignInKeyState {
  /** The URL is on screen (the sign-in has started). */
  readonly started: boolean;
  /** The sign-in takes a pasted callback address (authorization code, not device code). */
  readonly takesPaste: boolean;
  readonly pasted: string;
}

const EMPTY_FIELD = applies(
  'the paste field is empty',
  (state: SignInKeyState) => state.started && state.pasted === '',
);

/**
 * The sign-in screen's keys: the footer, the help overlay and the handler are made from it. `o` and `c`
 * are keys only while the paste field is empty: a paste starts with `http`.
 */
export const SIGN_IN_KEYS = {
  open: {
    keys: 'o',
    action: 'open browser',
    ...EMPTY_FIELD,
    matches: typed('o'),
    sends: send({ type: 'signInUrlOpened' }),
  },
  copy: {
    keys: 'c',
    action: 'copy URL',
    ...EMPTY_FIELD,
    matches: typed('c'),
    sends: send({ type: 'signInUrlCopied' }),
  },
  submit: {
    keys: 'Enter',
    action: 'use pasted address',
    when: 'an address is pasted',
    active: (state: SignInKeyState) => state.takesPaste && state.pasted.trim() !== '',
    matches: named('return'),
    sends: send({ type: 'pasteSubmitted' }),
  },
  cancel: { keys: 'Esc', action: 'cancel', matches: named('escape'), sends: send({ type: 'back' }) },
  ...helpKeys<SignInKeyState>((state) => state.pasted !== ''),
  ...textFieldKeys<SignInKeyState>({
    typedKeys: 'paste',
    typed: 'the address the browser ended on',
    typedWhen: 'the browser runs on another machine',
    clears: 'the field',
    active: (state) => state.takesPaste,
    edited: (edit) => ({ type: 'pasteEdited', edit }),
  }),
};

/**
 * The sign-in under way: the full URL (never cut: it is what the user copies over SSH), a spinner, the
 * time left; `o` opens it again, `c` copies it, and the callback URL the browser ended on can be pasted.
 */
export function SignInScreen({ screen, data, dispatch, clock }: ScreenProps<'signIn'>) {
  const display = screen.display;
  const canPaste = display?.kind === 'authCode';
  const keyState: SignInKeyState = {
    started: display !== undefined,
    takesPaste: canPaste,
    pasted: screen.pasted,
  };

  useScreenKeys(SIGN_IN_KEYS, keyState, dispatch);

  return (
    <ScreenFrame
      title={`Sign in to ${data.session?.startUrl ?? 'AWS'}`}
      keys={SIGN_IN_KEYS}
      keyState={keyState}
    >
      {screen.reason ? <Text color={tint('yellow')}>{terminalText(screen.reason)}</Text> : null}
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
              <Box borderStyle={asciiOnly() ? 'classic' : 'round'} paddingX={2} alignSelf="flex-start">
                <Text bold>{[...display.userCode].map(terminalText).join(' ')}</Text>
              </Box>
              <Text>or open this address:</Text>
            </Box>
          ) : (
            <Text>Open this address in a browser:</Text>
          )}
          <UnbrokenLine line={hyperlink(display.url)} text={display.url} />
          <BrowserNote outcome={screen.browser} />
          {canPaste ? (
            <Box flexDirection="column">
              <Text dimColor wrap="wrap">
                If the browser runs on another machine, paste here the address it ends on (
                {terminalText(display.redirectUri)}
                {symbols('?code=…) and press Enter.')}
              </Text>
              <TextField label="›" value={screen.pasted} focused />
            </Box>
          ) : null}
        </Box>
      )}
      {screen.problem ? <Text color={tint('red')}>{terminalText(screen.problem)}</Text> : null}
      {screen.notice ? <Text dimColor>{terminalText(screen.notice)}</Text> : null}
    </ScreenFrame>
  );
}

function BrowserNote({ outcome }: { readonly outcome: ScreenProps<'signIn'>['screen']['browser'] }) {
  if (outcome === 'opened') return <Text dimColor>The browser was opened.</Text>;
  if (outcome === 'failed')
    return <Text color={tint('yellow')}>The browser could not be opened; open the address by hand.</Text>;
  if (outcome === 'headless')
    return <Text dimColor>No browser here: open the address on a machine that has one.</Text>;
  return null;
}
