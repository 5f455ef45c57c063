import { UserError } from '../../services/errors.js';
import { copyNotice } from '../../ui/copyNotice.js';
import { screenErrorLine } from '../../ui/errorWords.js';
import type { EffectHandlers } from './effectContext.js';

/** What any screen asks of the machine it runs on: the browser, the clipboard, the end of the program. */
export const TERMINAL_EFFECTS: EffectHandlers<'openUrl' | 'copy' | 'quit'> = {
  openUrl(effect, { services, dispatch }) {
    void services.openUrl(effect.url).then(
      (outcome) => dispatch({ type: 'urlOpened', purpose: effect.purpose, url: effect.url, outcome }),
      () => dispatch({ type: 'urlOpened', purpose: effect.purpose, url: effect.url, outcome: 'failed' }),
    );
  },
  copy(effect, { services, dispatch }) {
    void services.copyToClipboard(effect.text).then(
      (outcome) => dispatch({ type: 'noticeShown', message: copyNotice(effect.what, outcome) }),
      (error: unknown) => dispatch({ type: 'noticeShown', message: screenErrorLine(error) }),
    );
  },
  quit(effect, { exit }) {
    exit(effect.failure === undefined ? undefined : new UserError(effect.failure));
  },
};
