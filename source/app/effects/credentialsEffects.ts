import { ProfileExistsError } from '../../services/errors.js';
import { chosenSession, failed, type EffectHandlers } from './effectContext.js';

/** A role's credentials, and what is done with them: the console, an exported profile, populated profiles. */
export const CREDENTIALS_EFFECTS: EffectHandlers<'fetchCredentials' | 'openConsole' | 'export' | 'populate'> =
  {
    fetchCredentials(effect, context) {
      void chosenSession(context)
        .getCredentials(effect.account.accountId, effect.roleName)
        .then(
          (credentials) =>
            context.dispatch({ type: 'credentialsReceived', request: effect.request, credentials }),
          failed(context, (message) => ({ type: 'credentialsFailed', request: effect.request, message })),
        );
    },
    openConsole(effect, context) {
      void chosenSession(context)
        .consoleUrl(effect.credentials, effect.region)
        .then(async (url) => {
          const outcome = await context.services.openUrl(url).catch(() => 'failed' as const);
          context.dispatch({ type: 'urlOpened', purpose: 'console', url, outcome });
        })
        .catch(failed(context, (message) => ({ type: 'noticeShown', message })));
    },
    export(effect, context) {
      void chosenSession(context)
        .exportProfile(effect.export)
        .then(
          (written) => context.dispatch({ type: 'exportWritten', request: effect.request, ...written }),
          (error: unknown) => {
            if (error instanceof ProfileExistsError) {
              context.dispatch({ type: 'exportExists', request: effect.request });
            } else {
              failed(context, (message) => ({ type: 'exportFailed', request: effect.request, message }))(
                error,
              );
            }
          },
        );
    },
    populate(effect, context) {
      void chosenSession(context)
        .populateProfiles(effect.pairs)
        .then(
          (outcome) => context.dispatch({ type: 'populateWritten', outcome }),
          failed(context, (message) => ({ type: 'populateFailed', message })),
        );
    },
  };
