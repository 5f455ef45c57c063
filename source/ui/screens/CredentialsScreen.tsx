import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { terminalText } from '../../services/terminalText.js';
import { Countdown } from '../components/Countdown.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/** Secrets are shown in full only after `s`; until then, enough to recognise them. */
export function maskSecret(secret: string): string {
  return `${'•'.repeat(8)}${secret.slice(-4)}`;
}

export function shortenToken(token: string): string {
  return token.length <= 24
    ? maskSecret(token)
    : `${token.slice(0, 12)}…${token.slice(-6)} (${token.length} characters)`;
}

/** The credentials of one role, with live countdowns and the keys to use them. */
export function CredentialsScreen({ screen, data, dispatch, clock }: ScreenProps<'credentials'>) {
  const { credentials } = screen;
  useKeys((input, key) => {
    if (key.escape) return dispatch({ type: 'back' });
    if (input === 'q') return dispatch({ type: 'quit' });
    if (input === 'r') return dispatch({ type: 'credentialsRefreshRequested' });
    if (!credentials) return;
    if (input === 's') dispatch({ type: 'secretToggled' });
    else if (input === 'e') dispatch({ type: 'exportOpened' });
    else if (input === 'c') dispatch({ type: 'exportLinesCopied' });
    else if (input === 'o') dispatch({ type: 'consoleRequested' });
  });
  const hints = [
    ...(credentials
      ? [
          { keys: 's', action: screen.showSecret ? 'hide secret' : 'show secret' },
          { keys: 'e', action: 'export' },
          { keys: 'c', action: 'copy export lines' },
          { keys: 'o', action: 'console' },
        ]
      : []),
    { keys: 'r', action: 'refresh' },
    { keys: 'Esc', action: 'back' },
    { keys: 'q', action: 'quit' },
  ];
  return (
    <ScreenFrame title="Credentials" hints={hints}>
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
