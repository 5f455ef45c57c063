import { area } from './areas.js';
import { enter, startSignIn } from './enterScreen.js';
import type { FlowState, SignInDisplay } from './state.js';
import { queue, withData, withScreen } from './stateUpdates.js';
import { applyTextEdit, type TextEdit } from './textEdit.js';

/** The token check, the sign-in screen, and a sign-in that runs out along the way. */
export type SignInEvent =
  | { readonly type: 'pasteEdited'; readonly edit: TextEdit }
  | { readonly type: 'pasteSubmitted' }
  | { readonly type: 'signInUrlOpened' }
  | { readonly type: 'signInUrlCopied' }
  | { readonly type: 'tokenChecked'; readonly expiresAt?: Date }
  | { readonly type: 'tokenRenewalPlanned'; readonly at: Date }
  | { readonly type: 'tokenRenewed'; readonly expiresAt: Date }
  | { readonly type: 'tokenRenewalFailed' }
  | { readonly type: 'signInStarted'; readonly attempt: number; readonly display: SignInDisplay }
  | { readonly type: 'pasteRejected'; readonly message: string }
  | { readonly type: 'signedIn'; readonly attempt: number; readonly expiresAt: Date }
  | { readonly type: 'signInFailed'; readonly attempt: number; readonly message: string }
  /** A 401 anywhere: sign in again, then carry on where the user was. */
  | { readonly type: 'sessionExpired' };

export function signInEvent(state: FlowState, event: SignInEvent): FlowState {
  const { screen } = state;
  switch (event.type) {
    case 'tokenChecked':
      if (screen.kind !== 'checkingToken') return state;
      if (!event.expiresAt) return startSignIn(state, { kind: 'accounts' });
      return enter(keepAlive(state, event.expiresAt), { kind: 'accounts' });

    case 'tokenRenewalPlanned':
      return state.data.signInExpiresAt ? withData(state, { signInRenewsAt: event.at }) : state;
    case 'tokenRenewed':
      return state.data.signInExpiresAt ? keepAlive(state, event.expiresAt) : state;
    case 'tokenRenewalFailed':
      // Tried again (at most once a minute); only a portal call that fails sends the user to sign in.
      return state.data.signInExpiresAt ? keepAlive(state, state.data.signInExpiresAt) : state;

    case 'signInStarted':
      if (screen.kind !== 'signIn' || screen.attempt !== event.attempt) return state;
      return queue(withScreen(state, { ...screen, display: event.display }), {
        type: 'openUrl',
        url: event.display.url,
        purpose: 'signIn',
      });
    case 'signInUrlOpened':
      if (screen.kind !== 'signIn' || !screen.display) return state;
      return queue(state, { type: 'openUrl', url: screen.display.url, purpose: 'signIn' });
    case 'signInUrlCopied':
      if (screen.kind !== 'signIn' || !screen.display) return state;
      return queue(state, { type: 'copy', text: screen.display.url, what: 'the sign-in URL' });
    case 'pasteEdited':
      if (screen.kind !== 'signIn') return state;
      return withScreen(state, {
        ...screen,
        pasted: applyTextEdit(screen.pasted, event.edit),
        problem: undefined,
      });
    case 'pasteSubmitted':
      if (screen.kind !== 'signIn' || screen.display?.kind !== 'authCode' || !screen.pasted.trim())
        return state;
      return queue(withScreen(state, { ...screen, notice: 'Checking the pasted address…' }), {
        type: 'submitCallbackUrl',
        text: screen.pasted.trim(),
      });
    case 'pasteRejected':
      if (screen.kind !== 'signIn') return state;
      return withScreen(state, { ...screen, problem: event.message, notice: undefined });
    case 'signedIn':
      if (screen.kind !== 'signIn' || screen.attempt !== event.attempt) return state;
      return enter(keepAlive(state, event.expiresAt), screen.resume);
    case 'signInFailed':
      if (screen.kind !== 'signIn' || screen.attempt !== event.attempt) return state;
      return withScreen(state, { kind: 'error', message: event.message, retry: screen });
    case 'sessionExpired':
      return screen.kind === 'signIn' || screen.kind === 'checkingToken' ? state : expire(state);
  }
}

/** A token the flow holds, renewed in the background while the screen is open. */
export function keepAlive(state: FlowState, expiresAt: Date): FlowState {
  return queue(withData(state, { signInExpiresAt: expiresAt }), { type: 'keepSignInAlive', expiresAt });
}

function expire(state: FlowState): FlowState {
  const { data, screen } = state;
  const interrupted = withData(state, {
    accountsLoad:
      data.accountsLoad.status === 'loading'
        ? { ...data.accountsLoad, status: 'interrupted' }
        : data.accountsLoad,
    rolesLoad:
      data.rolesLoad.status === 'loading' ? { ...data.rolesLoad, status: 'interrupted' } : data.rolesLoad,
    incoming: undefined,
  });
  const resume = screen.kind === 'error' ? screen.retry : screen;
  return startSignIn(interrupted, resume, 'Your sign-in session has expired; sign in again to carry on.');
}

/** The events this area takes, for reduce.ts to route: a missing or extra name fails to compile. */
export const SIGN_IN_EVENTS = area<SignInEvent>(signInEvent, {
  pasteEdited: true,
  pasteSubmitted: true,
  signInUrlOpened: true,
  signInUrlCopied: true,
  tokenChecked: true,
  tokenRenewalPlanned: true,
  tokenRenewed: true,
  tokenRenewalFailed: true,
  signInStarted: true,
  pasteRejected: true,
  signedIn: true,
  signInFailed: true,
  sessionExpired: true,
});
