import { deleteSessionCredentials } from '../services/credentialCache.js';
import { SessionExpiredError } from '../services/errors.js';
import { deleteCachedToken, readCachedToken } from '../services/tokenCache.js';
import { terminalText } from '../services/terminalText.js';
import type { CommandContext } from './context.js';

/**
 * `sso-tui logout`: deletes the session's cached role credentials, revokes its token at the portal and
 * deletes its cache file.
 */
export async function logout(context: CommandContext): Promise<void> {
  // Credentials already handed out stay valid until they expire; the cache must not hand them out again.
  await deleteSessionCredentials(context.stateFolder, context.session);
  const token = await readCachedToken(context.tokenFile);
  if (!token) {
    context.io.stderr.write(`Not signed in to ${terminalText(context.session.startUrl)}; nothing to do.\n`);
    return;
  }
  try {
    await context.portal(token).logout();
  } catch (error) {
    // A token the service already forgot is as logged out as it gets.
    if (!(error instanceof SessionExpiredError)) throw error;
  }
  await deleteCachedToken(context.tokenFile);
  context.io.stderr.write(`Signed out of ${terminalText(context.session.startUrl)}.\n`);
}
