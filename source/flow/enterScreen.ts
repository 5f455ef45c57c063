import { loadAccounts, resumeInterrupted } from './listingEvents.js';
import type { CredentialsScreen, FlowState, Screen } from './state.js';
import { queue, takeId, withScreen } from './stateUpdates.js';

/**
 * Shows a screen with what it needs: a fetch for credentials not yet there, a listing for accounts never
 * loaded, a new attempt for a sign-in; and restarts listings a 401 interrupted.
 */
export function enter(state: FlowState, screen: Screen): FlowState {
  const resumed = resumeInterrupted(state);
  switch (screen.kind) {
    case 'signIn':
      return startSignIn(resumed, screen.resume, screen.reason);
    case 'accounts': {
      const status = resumed.data.accountsLoad.status;
      const shown = withScreen(resumed, screen);
      return status === 'idle' || status === 'failed' ? loadAccounts(shown, status === 'idle') : shown;
    }
    case 'credentials':
      return screen.credentials ? withScreen(resumed, screen) : fetchCredentials(resumed, screen);
    case 'exportDialog':
      return withScreen(resumed, screen.phase === 'writing' ? { ...screen, phase: 'editing' } : screen);
    default:
      return withScreen(resumed, screen);
  }
}

export function startSignIn(state: FlowState, resume: Screen, reason?: string): FlowState {
  const [attempt, next] = takeId(state);
  return queue(
    withScreen(next, { kind: 'signIn', attempt, pasted: '', resume, ...(reason ? { reason } : {}) }),
    { type: 'startSignIn', attempt, method: state.data.signInMethod },
  );
}

function fetchCredentials(state: FlowState, screen: CredentialsScreen): FlowState {
  const [request, next] = takeId(state);
  return queue(withScreen(next, { ...screen, request, credentials: undefined }), {
    type: 'fetchCredentials',
    request,
    account: screen.account,
    roleName: screen.roleName,
  });
}
