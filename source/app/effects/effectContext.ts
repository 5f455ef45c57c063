import type { AppServices, SignInHandle, SessionServices } from '../../flow/appServices.js';
import type { Effect, EffectAnswers } from '../../flow/effects.js';
import type { FlowEvent } from '../../flow/events.js';
import type { AccountQueue } from '../../services/accountQueue.js';
import { SessionExpiredError } from '../../services/errors.js';
import type { Clock } from '../../services/ssoSession.js';
import { screenErrorLine } from '../../ui/errorWords.js';
import type { Batch } from './batches.js';

/** What must not live in the flow's state: the chosen session's services and the work under way. */
export interface LiveWork {
  sessionServices?: SessionServices;
  /** The accounts the background role listing has still to fetch. */
  roleQueue?: AccountQueue;
  /** The planned background renewal of the token, and when the last one ran. */
  renewal?: ReturnType<typeof setTimeout>;
  lastRenewalAt?: number;
  signIn?: SignInHandle;
  readonly batches: Set<Batch<unknown>>;
}

export interface EffectContext extends EffectAnswers {
  readonly services: AppServices;
  readonly clock: Clock;
  readonly live: LiveWork;
}

/** One area's effects (sign-in, listings, picks…), each run by its own function. */
export type EffectHandlers<T extends Effect['type']> = {
  readonly [K in T]: (effect: Extract<Effect, { readonly type: K }>, context: EffectContext) => void;
};

export function chosenSession(context: EffectContext): SessionServices {
  if (!context.live.sessionServices) throw new Error('No session has been chosen yet.');
  return context.live.sessionServices;
}

/** A failure as the flow takes it: an ended sign-in sends the user to sign in, anything else is a sentence. */
export function failed(context: EffectContext, onError: (message: string) => FlowEvent) {
  return (error: unknown): void => {
    if (error instanceof SessionExpiredError) context.dispatch({ type: 'sessionExpired' });
    else context.dispatch(onError(screenErrorLine(error)));
  };
}
