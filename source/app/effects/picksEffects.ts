import type { UserPicks } from '../../flow/appServices.js';
import { screenErrorLine } from '../../ui/errorWords.js';
import type { EffectContext, EffectHandlers } from './effectContext.js';

/** Favorites, recent picks, and the profile names and regions chosen, kept in the program's own state. */
export const PICKS_EFFECTS: EffectHandlers<
  'setFavorite' | 'recordPick' | 'rememberProfileName' | 'rememberAccountRegion'
> = {
  setFavorite(effect, context) {
    remember(context, () => context.services.setFavorite(effect.accountId, effect.favorite));
  },
  recordPick(effect, context) {
    remember(context, () =>
      context.services.recordPick({
        accountId: effect.accountId,
        ...(effect.roleName === undefined ? {} : { roleName: effect.roleName }),
      }),
    );
  },
  rememberProfileName(effect, context) {
    remember(context, () =>
      context.services.rememberProfileName(effect.accountId, effect.roleName, effect.profile),
    );
  },
  rememberAccountRegion(effect, context) {
    remember(context, () => context.services.rememberAccountRegion(effect.accountId, effect.region));
  },
};

function remember(context: EffectContext, write: () => UserPicks): void {
  try {
    context.dispatch({ type: 'picksChanged', picks: write(), at: context.clock() });
  } catch (error) {
    context.dispatch({ type: 'noticeShown', message: screenErrorLine(error) });
  }
}
