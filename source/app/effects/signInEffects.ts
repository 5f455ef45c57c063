import type { SignInHandle } from '../../flow/appServices.js';
import type { SignInDisplay } from '../../flow/state.js';
import { CancelledError } from '../../services/errors.js';
import { renewalMoment, RENEWAL_RETRY_MS } from '../../services/tokenRefresh.js';
import { screenErrorLine } from '../../ui/errorWords.js';
import { chosenSession, type EffectHandlers } from './effectContext.js';

/** Choosing and saving a session, signing in, and keeping the sign-in alive while the screen is open. */
export const SIGN_IN_EFFECTS: EffectHandlers<
  'saveSession' | 'loadToken' | 'keepSignInAlive' | 'startSignIn' | 'cancelSignIn' | 'submitCallbackUrl'
> = {
  saveSession(effect, { services, dispatch }) {
    void services
      .saveSession({ startUrl: effect.startUrl, region: effect.region, sessionName: effect.sessionName })
      .then(
        (saved) => dispatch({ type: 'sessionSaved', session: saved }),
        (error: unknown) => dispatch({ type: 'sessionSaveFailed', message: screenErrorLine(error) }),
      );
  },
  loadToken(effect, { services, dispatch, live }) {
    live.sessionServices = services.forSession(effect.session);
    void live.sessionServices.loadToken().then(
      (signIn) => dispatch({ type: 'tokenChecked', ...(signIn ? { expiresAt: signIn.expiresAt } : {}) }),
      () => dispatch({ type: 'tokenChecked' }),
    );
  },
  keepSignInAlive(effect, context) {
    const { dispatch, live, clock } = context;
    clearTimeout(live.renewal);
    const now = clock().getTime();
    const due = renewalMoment(effect.expiresAt, new Date(now)).getTime();
    const at = Math.max(due, (live.lastRenewalAt ?? -Infinity) + RENEWAL_RETRY_MS, now);
    dispatch({ type: 'tokenRenewalPlanned', at: new Date(at) });
    live.renewal = setTimeout(() => {
      live.lastRenewalAt = clock().getTime();
      void chosenSession(context)
        .renewToken()
        .then(
          (signIn) => dispatch({ type: 'tokenRenewed', expiresAt: signIn.expiresAt }),
          () => dispatch({ type: 'tokenRenewalFailed' }),
        );
    }, at - now);
  },
  startSignIn(effect, context) {
    const { dispatch, live } = context;
    live.signIn?.cancel();
    live.signIn = undefined;
    void chosenSession(context)
      .startSignIn(effect.method)
      .then((handle) => {
        live.signIn = handle;
        dispatch({ type: 'signInStarted', attempt: effect.attempt, display: signInDisplay(handle) });
        return handle.signedIn.then((signIn) =>
          dispatch({ type: 'signedIn', attempt: effect.attempt, expiresAt: signIn.expiresAt }),
        );
      })
      .catch((error: unknown) => {
        if (error instanceof CancelledError) return;
        dispatch({ type: 'signInFailed', attempt: effect.attempt, message: screenErrorLine(error) });
      });
  },
  cancelSignIn(_effect, { live }) {
    live.signIn?.cancel();
    live.signIn = undefined;
  },
  submitCallbackUrl(effect, { live, dispatch }) {
    try {
      if (live.signIn?.kind === 'authCode') live.signIn.submitCallbackUrl(effect.text);
    } catch (error) {
      dispatch({ type: 'pasteRejected', message: screenErrorLine(error) });
    }
  },
};

function signInDisplay(handle: SignInHandle): SignInDisplay {
  return handle.kind === 'authCode'
    ? {
        kind: 'authCode',
        url: handle.authorizeUrl,
        redirectUri: handle.redirectUri,
        deadline: handle.deadline,
      }
    : {
        kind: 'deviceCode',
        url: handle.verificationUriComplete,
        userCode: handle.userCode,
        verificationUri: handle.verificationUri,
        deadline: handle.deadline,
      };
}
