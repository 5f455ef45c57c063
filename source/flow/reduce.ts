import { credentialsEvent } from './credentialsEvents.js';
import { enter } from './enterScreen.js';
import type { FlowEvent } from './events.js';
import { exportEvent } from './exportEvents.js';
import { listEvent } from './listEvents.js';
import { populateEvent } from './populateEvents.js';
import { listingEvent } from './listings.js';
import { sessionEvent } from './sessionEvents.js';
import { signInEvent } from './signInEvents.js';
import { EMPTY_LIST, type FlowState } from './state.js';
import { queue, withScreen } from './stateUpdates.js';

/** The whole screen flow: a pure function of the state and one event. */
export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
    case 'sessionChosen':
    case 'sessionSaved':
    case 'setupEdited':
    case 'setupFieldSwitched':
    case 'setupRegionMoved':
    case 'setupEditRequested':
    case 'setupSubmitted':
    case 'sessionSaveFailed':
      return sessionEvent(state, event);

    case 'tokenChecked':
    case 'tokenRenewalPlanned':
    case 'tokenRenewed':
    case 'tokenRenewalFailed':
    case 'loginStarted':
    case 'loginUrlOpened':
    case 'loginUrlCopied':
    case 'pasteEdited':
    case 'pasteSubmitted':
    case 'pasteRejected':
    case 'signedIn':
    case 'loginFailed':
    case 'sessionExpired':
      return signInEvent(state, event);

    case 'cachedListsRead':
    case 'accountsPage':
    case 'accountsLoaded':
    case 'accountsFailed':
    case 'rolesLoaded':
    case 'rolesWanted':
    case 'rolesDone':
    case 'rolesFailed':
      return listingEvent(state, event);

    case 'listQueryEdited':
    case 'listMoved':
    case 'favoriteToggled':
    case 'refreshRequested':
    case 'picksChanged':
    case 'accountChosen':
    case 'roleChosen':
      return listEvent(state, event);

    case 'populateRequested':
    case 'populateWritten':
    case 'populateFailed':
      return populateEvent(state, event);

    case 'credentialsReceived':
    case 'credentialsFailed':
    case 'secretToggled':
    case 'credentialsRefreshRequested':
    case 'exportLinesCopied':
    case 'consoleRequested':
    case 'consoleRegionOpened':
    case 'consoleRegionEdited':
    case 'consoleRegionClosed':
      return credentialsEvent(state, event);

    case 'exportOpened':
    case 'profileNameEdited':
    case 'exportFieldSwitched':
    case 'exportTargetSwitched':
    case 'exportSubmitted':
    case 'overwriteAnswered':
    case 'exportWritten':
    case 'exportExists':
    case 'exportFailed':
      return exportEvent(state, event);

    case 'commandsTaken':
      return { ...state, outbox: state.outbox.filter((command) => command.id > event.upTo) };
    case 'urlOpened':
      if (event.purpose === 'login' && screen.kind === 'login') {
        return withScreen(state, { ...screen, browser: event.outcome });
      }
      if (event.purpose === 'console' && screen.kind === 'credentials') {
        const notice =
          event.outcome === 'opened'
            ? 'Opened the AWS console in the browser.'
            : `Open the AWS console at ${event.url}`;
        return withScreen(state, { ...screen, notice });
      }
      return state;
    case 'noticeShown':
      if (screen.kind !== 'credentials' && screen.kind !== 'login') return state;
      return withScreen(state, { ...screen, notice: event.message });
    case 'helpShown':
      return { ...state, helpFor: screen.kind };
    case 'helpClosed':
      return { ...state, helpFor: undefined };
    case 'back':
      return back(state);
    case 'retry':
      return screen.kind === 'error' ? enter(state, screen.retry) : state;
    case 'quit':
      return queue(
        state,
        screen.kind === 'error' ? { type: 'quit', failure: screen.message } : { type: 'quit' },
      );
  }
}

/** Esc: one step back; from the first screen, quit. */
function back(state: FlowState): FlowState {
  const { screen, data } = state;
  const quit = (): FlowState => queue(state, { type: 'quit' });
  switch (screen.kind) {
    case 'roles':
      return withScreen(state, { kind: 'accounts' });
    case 'credentials':
      return screen.from === 'roles'
        ? withScreen(state, { kind: 'roles', account: screen.account, list: EMPTY_LIST })
        : withScreen(state, { kind: 'accounts' });
    case 'exportDialog':
      return screen.phase === 'confirmOverwrite'
        ? withScreen(state, { ...screen, phase: 'editing' })
        : withScreen(state, screen.over);
    case 'login': {
      const cancelled = queue(state, { type: 'cancelLogin' });
      return withScreen(cancelled, { kind: 'error', message: 'The sign-in was cancelled.', retry: screen });
    }
    case 'accounts':
      return data.sessions.length > 1
        ? withScreen(state, { kind: 'sessionPicker', list: EMPTY_LIST })
        : quit();
    case 'error':
      return data.signInExpiresAt && screen.retry.kind !== 'accounts'
        ? enter(state, { kind: 'accounts' })
        : queue(state, { type: 'quit', failure: screen.message });
    case 'setup':
      return queue(state, {
        type: 'quit',
        failure: 'No SSO session was saved; run sso-tui again to set one up.',
      });
    default:
      return quit();
  }
}
