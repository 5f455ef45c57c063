import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { terminalText } from '../../services/terminalText.js';
import { consoleRegion } from '../../flow/credentialsEvents.js';
import { Countdown } from '../components/Countdown.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { TextField } from '../components/TextField.js';
import { useScreenKeys } from '../hooks/useKeys.js';
import { applies, helpKeys, named, send, textFieldKeys, typed } from '../keyTable.js';
import { symbols } from '../symbols.js';
import type { ScreenProps } from './screenProps.js';

/** Secrets are shown in full only after `s`; until then, enough to recognise them. */
export function maskSecret(secret: string): string {
  return `${symbols('••••••••')}${secret.slice(-4)}`;
}

export function shortenToken(token: string): string {
  return token.length <= 24
    ? maskSecret(token)
    : `${token.slice(0, 12)}${symbols('…')}${token.slice(-6)} (${token.length} characters)`;
}

interface CredentialKeyState {
  /** The credentials are in (not being fetched). */
  readonly fetched: boolean;
  readonly secretShown: boolean;
  /** The region field has the keyboard. */
  readonly editingRegion: boolean;
  readonly regionTyped: boolean;
}

const viewing = (state: CredentialKeyState): boolean => !state.editingRegion;
const fetched = (state: CredentialKeyState): boolean => state.fetched && viewing(state);
const WITH_CREDENTIALS = applies('the credentials are shown', fetched);
const EDITING_REGION = applies('editing the region', (state: CredentialKeyState) => state.editingRegion);

/** The credentials screen's keys: the footer, the help overlay and the handler are made from it. */
export const CREDENTIAL_KEYS = {
  secret: {
    keys: 's',
    action: (state: CredentialKeyState) => (state.secretShown ? 'hide secret' : 'show secret'),
    ...WITH_CREDENTIALS,
    matches: typed('s'),
    sends: send({ type: 'secretToggled' }),
  },
  export: {
    keys: 'e',
    action: 'export',
    ...WITH_CREDENTIALS,
    matches: typed('e'),
    sends: send({ type: 'exportOpened' }),
  },
  copy: {
    keys: 'c',
    action: 'copy export lines',
    ...WITH_CREDENTIALS,
    matches: typed('c'),
    sends: send({ type: 'exportLinesCopied' }),
  },
  console: {
    keys: 'o',
    action: 'console',
    ...WITH_CREDENTIALS,
    matches: typed('o'),
    sends: send({ type: 'consoleRequested' }),
  },
  region: {
    keys: 'g',
    action: 'region',
    when: 'of the console, and of exports from then on',
    active: viewing,
    matches: typed('g'),
    sends: send({ type: 'consoleRegionOpened' }),
  },
  refresh: {
    keys: 'r',
    action: 'fresh credentials',
    active: viewing,
    matches: typed('r'),
    sends: send({ type: 'credentialsRefreshRequested' }),
  },
  back: {
    keys: 'Esc',
    action: 'back',
    active: viewing,
    matches: named('escape'),
    sends: send({ type: 'back' }),
  },
  quit: { keys: 'q', action: 'quit', active: viewing, matches: typed('q'), sends: send({ type: 'quit' }) },
  keepRegion: {
    keys: 'Enter',
    action: 'keep the region',
    ...EDITING_REGION,
    matches: named('return'),
    sends: send({ type: 'consoleRegionClosed', keep: true }),
  },
  cancelRegion: {
    keys: 'Esc',
    action: 'cancel',
    ...EDITING_REGION,
    matches: named('escape'),
    sends: send({ type: 'consoleRegionClosed', keep: false }),
  },
  ...helpKeys<CredentialKeyState>((state) => state.editingRegion && state.regionTyped),
  ...textFieldKeys<CredentialKeyState>({
    typed: 'the region',
    clears: 'the region',
    ...EDITING_REGION,
    edited: (edit) => ({ type: 'consoleRegionEdited', edit }),
  }),
};

/** The credentials of one role, with live countdowns and the keys to use them. */
export function CredentialsScreen({ screen, data, dispatch, clock }: ScreenProps<'credentials'>) {
  const { credentials } = screen;
  const keyState: CredentialKeyState = {
    fetched: credentials !== undefined,
    secretShown: screen.showSecret,
    editingRegion: screen.regionEdit !== undefined,
    regionTyped: Boolean(screen.regionEdit),
  };

  useScreenKeys(CREDENTIAL_KEYS, keyState, dispatch);
  return (
    <ScreenFrame title="Credentials" keys={CREDENTIAL_KEYS} keyState={keyState}>
      <Field label="Account">
        {terminalText(screen.account.accountName)} ({terminalText(screen.account.accountId)})
      </Field>
      <Field label="Role">{terminalText(screen.roleName)}</Field>
      {credentials ? (
        <>
          <Field label="Access key">{terminalText(credentials.accessKeyId)}</Field>
          <Field label="Secret key">
            {terminalText(
              screen.showSecret ? credentials.secretAccessKey : maskSecret(credentials.secretAccessKey),
            )}
          </Field>
          <Field label="Session token">
            {terminalText(
              screen.showSecret ? credentials.sessionToken : shortenToken(credentials.sessionToken),
            )}
          </Field>
          <Field label="Expires in">
            <Countdown until={credentials.expiration} clock={clock} />
          </Field>
        </>
      ) : (
        <Spinner label="Fetching credentials…" />
      )}
      {screen.regionEdit === undefined ? (
        <Field label="Region">{terminalText(consoleRegion(data, screen))}</Field>
      ) : (
        <TextField label="Region         " value={screen.regionEdit} focused />
      )}
      {data.signInRenewsAt ? (
        // Identity Center tells when the access token expires, never when the sign-in ends: it is renewed.
        <Field label="Token renews in">
          <Countdown until={data.signInRenewsAt} clock={clock} />
        </Field>
      ) : null}
      {screen.notice ? (
        <Box marginTop={1}>
          <Text dimColor wrap="wrap">
            {terminalText(screen.notice)}
          </Text>
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Box>
      <Box width={16} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text wrap="wrap">{children}</Text>
    </Box>
  );
}
