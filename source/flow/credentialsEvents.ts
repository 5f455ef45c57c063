import type { RoleCredentials } from '../services/portal.js';
import { area } from './areas.js';
import { isRegionName } from '../services/regions.js';
import { enter } from './enterScreen.js';
import { accountRegion } from './exportEvents.js';
import { environmentLines } from '../services/shellLines.js';
import type { CredentialsScreen, FlowData, FlowState } from './state.js';
import { queue, withScreen } from './stateUpdates.js';
import { applyTextEdit, type TextEdit } from './textEdit.js';

/** The credentials screen: the fetch's answer and what the user does with the keys. */
export type CredentialsEvent =
  | { readonly type: 'secretToggled' }
  | { readonly type: 'credentialsRefreshRequested' }
  | { readonly type: 'exportLinesCopied' }
  | { readonly type: 'consoleRequested' }
  /** The region field of the credentials screen (the console's, and exports' from then on): open, edit, close. */
  | { readonly type: 'consoleRegionOpened' }
  | { readonly type: 'consoleRegionEdited'; readonly edit: TextEdit }
  | { readonly type: 'consoleRegionClosed'; readonly keep: boolean }
  | { readonly type: 'credentialsReceived'; readonly request: number; readonly credentials: RoleCredentials }
  | { readonly type: 'credentialsFailed'; readonly request: number; readonly message: string };

export function credentialsEvent(state: FlowState, event: CredentialsEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
    case 'credentialsReceived':
      if (screen.kind !== 'credentials' || screen.request !== event.request) return state;
      return withScreen(state, { ...screen, credentials: event.credentials });
    case 'credentialsFailed':
      if (screen.kind !== 'credentials' || screen.request !== event.request) return state;
      return withScreen(state, { kind: 'error', message: event.message, retry: screen });
    case 'secretToggled':
      if (screen.kind !== 'credentials') return state;
      return withScreen(state, { ...screen, showSecret: !screen.showSecret });
    case 'credentialsRefreshRequested':
      if (screen.kind !== 'credentials') return state;
      return enter(state, { ...screen, credentials: undefined, showSecret: false, notice: undefined });
    case 'exportLinesCopied':
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      return queue(state, {
        type: 'copy',
        text: environmentLines(screen.credentials, undefined, 'sh').join('\n'),
        what: 'the export lines',
      });
    case 'consoleRequested':
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      return queue(withScreen(state, { ...screen, notice: 'Opening the AWS console…' }), {
        type: 'openConsole',
        account: screen.account,
        roleName: screen.roleName,
        credentials: screen.credentials,
        region: consoleRegion(state.data, screen),
      });
    case 'consoleRegionOpened':
      if (screen.kind !== 'credentials') return state;
      return withScreen(state, {
        ...screen,
        regionEdit: consoleRegion(state.data, screen),
        notice: undefined,
      });
    case 'consoleRegionEdited':
      if (screen.kind !== 'credentials' || screen.regionEdit === undefined) return state;
      return withScreen(state, { ...screen, regionEdit: applyTextEdit(screen.regionEdit, event.edit) });
    case 'consoleRegionClosed': {
      if (screen.kind !== 'credentials' || screen.regionEdit === undefined) return state;
      if (!event.keep) return withScreen(state, { ...screen, regionEdit: undefined, notice: undefined });
      const region = screen.regionEdit.trim();
      if (!isRegionName(region)) {
        return withScreen(state, { ...screen, notice: 'Type the region as AWS names it, like eu-west-1.' });
      }
      const chosen = withScreen(state, { ...screen, region, regionEdit: undefined, notice: undefined });
      return region === consoleRegion(state.data, screen)
        ? chosen
        : queue(chosen, { type: 'rememberAccountRegion', accountId: screen.account.accountId, region });
    }
  }
}

/** The region the console opens in: the one chosen on this screen, else the region rule's for the account. */
export function consoleRegion(data: FlowData, screen: CredentialsScreen): string {
  return screen.region ?? accountRegion(data, screen.account.accountId);
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const CREDENTIALS_EVENTS = area<CredentialsEvent>(credentialsEvent, {
  secretToggled: true,
  credentialsRefreshRequested: true,
  exportLinesCopied: true,
  consoleRequested: true,
  consoleRegionOpened: true,
  consoleRegionEdited: true,
  consoleRegionClosed: true,
  credentialsReceived: true,
  credentialsFailed: true,
});
