import { Box, Text } from 'ink';
import { chosenRegion, proposedSessionName, setupRegions } from '../../flow/setupForm.js';
import { terminalText } from '../../services/terminalText.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { textEditFor } from '../components/textEditing.js';
import { TextField } from '../components/TextField.js';
import type { ScreenProps } from './screenProps.js';
import { useKeys } from '../hooks/useKeys.js';

/** Regions listed under the region field while it has the focus. */
const SHOWN_REGIONS = 6;

/**
 * No `[sso-session]` configured (or one to correct after an error): the start URL, the Identity Center region
 * picked from the known ones, and the session's name; tried against Identity Center before being saved.
 */
export function SetupScreen({ screen, dispatch }: ScreenProps<'setup'>) {
  useKeys((input, key) => {
    if (screen.verifying) return;
    if (key.escape) return dispatch({ type: 'back' });
    if (key.tab) return dispatch({ type: 'setupFieldSwitched', direction: key.shift ? -1 : 1 });
    if (key.upArrow || key.downArrow) {
      const delta = key.upArrow ? -1 : 1;
      return dispatch(
        screen.field === 'region'
          ? { type: 'setupRegionMoved', delta }
          : { type: 'setupFieldSwitched', direction: delta },
      );
    }
    if (key.return) return dispatch({ type: 'setupSubmitted' });
    const edit = textEditFor(input, key);
    if (edit) dispatch({ type: 'setupEdited', edit });
  });
  const regions = setupRegions(screen);
  const chosen = chosenRegion(screen);
  const cursor = chosen ? regions.indexOf(chosen) : 0;
  const first = Math.max(0, Math.min(cursor - SHOWN_REGIONS + 1, regions.length - SHOWN_REGIONS));
  const hints = [
    { keys: 'Tab', action: 'next field' },
    ...(screen.field === 'region' ? [{ keys: '↑/↓', action: 'choose' }] : []),
    { keys: 'Enter', action: screen.field === 'sessionName' ? 'check and save' : 'next' },
    { keys: 'Esc', action: 'quit' },
  ];
  return (
    <ScreenFrame title="Set up an SSO session" hints={hints}>
      <Text wrap="wrap">
        Type your AWS access portal URL, choose the IAM Identity Center region and name the session. They are
        tried with Identity Center, then saved as an [sso-session] section of the AWS config file.
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <TextField
          label="Start URL:   "
          value={screen.startUrl}
          focused={screen.field === 'startUrl'}
          placeholder="my-company, or https://my-company.awsapps.com/start"
        />
        <TextField
          label="Region:      "
          value={screen.regionQuery}
          focused={screen.field === 'region'}
          placeholder="type to filter: eu-west, Ireland, gov…"
        />
        {screen.field === 'region' ? (
          <Box flexDirection="column" marginLeft={14}>
            {regions.slice(first, first + SHOWN_REGIONS).map((region) => (
              <Text key={region.name} inverse={region === chosen} wrap="truncate-end">
                {region.name.padEnd(15)} {region.place.padEnd(27)} {region.partition}
              </Text>
            ))}
            {regions.length === 0 ? <Text dimColor>no Identity Center region matches</Text> : null}
          </Box>
        ) : chosen ? (
          <Text dimColor>
            {' '.repeat(14)}
            {chosen.name} · {chosen.place} · {chosen.partition}
          </Text>
        ) : null}
        <TextField
          label="Session name:"
          value={screen.sessionName}
          focused={screen.field === 'sessionName'}
          placeholder={proposedSessionName(screen) ?? 'a name for the [sso-session] section'}
        />
      </Box>
      {screen.problem ? (
        <Text color="red" wrap="wrap">
          {terminalText(screen.problem)}
        </Text>
      ) : null}
      {screen.verifying ? <Spinner label="Checking with Identity Center…" /> : null}
    </ScreenFrame>
  );
}
