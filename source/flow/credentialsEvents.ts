import { enter } from './enterScreen.js';
import type { FlowEvent } from './events.js';
import { exportLines } from './exportLines.js';
import type { FlowState } from './state.js';
import { queue, withScreen } from './stateUpdates.js';

/** The credentials screen: the fetch's answer and what the user does with the keys. */
export type CredentialsEvent = Extract<
  FlowEvent,
  {
    readonly type:
      | 'credentialsReceived'
      | 'credentialsFailed'
      | 'secretToggled'
      | 'credentialsRefreshRequested'
      | 'exportLinesCopied'
      | 'consoleRequested';
  }
>;

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
      return queue(state, { type: 'copy', text: exportLines(screen.credentials), what: 'the export lines' });
    case 'consoleRequested':
      if (screen.kind !== 'credentials' || !screen.credentials) return state;
      return queue(withScreen(state, { ...screen, notice: 'Opening the AWS console…' }), {
        type: 'openConsole',
        account: screen.account,
        roleName: screen.roleName,
        credentials: screen.credentials,
      });
  }
}
