import type { AppServices } from '../../flow/appServices.js';
import type { Effect, StartEffectRunner } from '../../flow/effects.js';
import type { Clock } from '../../services/ssoSession.js';
import { CREDENTIALS_EFFECTS } from './credentialsEffects.js';
import type { EffectContext, EffectHandlers, LiveWork } from './effectContext.js';
import { LISTING_EFFECTS } from './listingEffects.js';
import { PICKS_EFFECTS } from './picksEffects.js';
import { SIGN_IN_EFFECTS } from './signInEffects.js';
import { TERMINAL_EFFECTS } from './terminalEffects.js';

/** Every effect's runner, by area as the reducer is; the type fails to compile while one is missing. */
const HANDLERS: EffectHandlers<Effect['type']> = {
  ...SIGN_IN_EFFECTS,
  ...LISTING_EFFECTS,
  ...PICKS_EFFECTS,
  ...CREDENTIALS_EFFECTS,
  ...TERMINAL_EFFECTS,
};

/** The full screen's effect runner over `services`: runs each effect the reducer queued, answers with events. */
export function effectRunner(services: AppServices, clock: Clock): StartEffectRunner {
  return (answers, warmSession) => {
    const live: LiveWork = { batches: new Set(), ...(warmSession ? { sessionServices: warmSession } : {}) };
    return {
      run(effect) {
        const context: EffectContext = { ...answers, services, clock, live };
        // One handler per effect type: TypeScript cannot relate the two unions itself.
        (HANDLERS[effect.type] as (effect: Effect, context: EffectContext) => void)(effect, context);
      },
      stop() {
        live.signIn?.cancel();
        clearTimeout(live.renewal);
        for (const batch of live.batches) batch.cancel();
      },
    };
  };
}
