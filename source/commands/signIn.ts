import { createInterface } from 'node:readline';
import type { AuthCodeSignIn } from '../services/auth/authCodeSignIn.js';
import type { BrowserOutcome } from '../services/auth/browser.js';
import type { DeviceCodeSignIn } from '../services/auth/deviceCodeSignIn.js';
import { createTokenRefresher } from '../services/auth/refreshGrant.js';
import { startSignIn } from '../services/auth/startSignIn.js';
import { SessionExpiredError } from '../services/errors.js';
import { cliErrorLine } from './errorWords.js';
import type { SsoToken } from '../services/ssoSession.js';
import { terminalText } from '../services/terminalText.js';
import { writeCachedToken } from '../services/tokenCache.js';
import { loadUsableToken, type SignInReason, type TokenRefresher } from '../services/tokenRefresh.js';
import { openSignInUrl } from './browse.js';
import type { CommandContext } from './context.js';

/**
 * A usable token for the session: the cached one (refreshed if need be), else a sign-in when someone is at
 * the terminal to do it; a script gets the clear error at once instead of a hang.
 */
export async function requireToken(context: CommandContext): Promise<SsoToken> {
  const check = await loadUsableToken({
    file: context.tokenFile,
    refresher: () => rememberingSecrets(context, createTokenRefresher(context.oidc(), context.io.clock)),
    clock: context.io.clock,
    debug: context.debug,
  });
  if (check.kind === 'usable') return check.token;
  const { stdin, stderr } = context.io;
  const why = signInNeededSentence(context, check.reason);
  if (!(stdin.isTTY && stderr.isTTY) && !context.io.approveSignIn) {
    throw new SessionExpiredError(why);
  }
  stderr.write(`${terminalText(why)} Signing in again.\n`);
  return signIn(context);
}

function signInNeededSentence(context: CommandContext, reason: SignInReason): string {
  switch (reason.kind) {
    case 'noToken':
      return `There is no usable sign-in for ${sessionLabel(context)}.`;
    case 'notRefreshable':
      return `The sign-in for ${sessionLabel(context)} has expired and cannot be renewed.`;
    case 'refused':
      return `The sign-in for ${sessionLabel(context)} has ended: Identity Center refused to renew it.`;
  }
}

/** The refresh handles the refresh token and the client secret: --debug output must mask them. */
function rememberingSecrets(context: CommandContext, refresh: TokenRefresher): TokenRefresher {
  return async (token) => {
    context.redactor.remember(token.accessToken, token.refreshToken, token.clientSecret);
    const renewed = await refresh(token);
    context.redactor.remember(renewed.accessToken, renewed.refreshToken);
    context.debug(`renewed the sign-in; the access token now expires at ${renewed.expiresAt.toISOString()}`);
    return renewed;
  };
}

/** Signs in (browser redirect with PKCE, or device code), shows the URL on stderr and fills the token cache. */
export async function signIn(context: CommandContext): Promise<SsoToken> {
  const { io, session, options } = context;
  const started = await startSignIn({
    oidc: context.oidc(),
    session,
    method: options.deviceCode ? 'deviceCode' : 'authCode',
    store: context.stateStore,
    env: io.env,
    clock: io.clock,
    callbackPort: options.callbackPort,
  });
  const token =
    started.kind === 'deviceCode'
      ? await waitForDeviceCode(context, started)
      : await waitForAuthCode(context, started);
  context.redactor.remember(token.accessToken, token.refreshToken, token.clientSecret);
  await writeCachedToken(context.tokenFile, token);
  io.stderr.write(
    `Signed in to ${terminalText(session.startUrl)} until ${token.expiresAt.toLocaleString()}.\n`,
  );
  return token;
}

async function waitForAuthCode(context: CommandContext, pending: AuthCodeSignIn): Promise<SsoToken> {
  const { io, session } = context;
  io.stderr.write(
    `To sign in to ${terminalText(session.startUrl)}, open this address in a browser:\n\n` +
      `  ${terminalText(pending.authorizeUrl)}\n\n`,
  );
  const outcome = await browse(context, pending.authorizeUrl);
  if (outcome !== 'opened') {
    const { port } = new URL(pending.redirectUri);
    io.stderr.write(
      'If the browser runs on another machine, paste here the address it ends on ' +
        `(${terminalText(pending.redirectUri)}?code=…), or forward the port: ssh -L ${port}:127.0.0.1:${port}.\n`,
    );
  }
  io.stderr.write('Waiting for the sign-in…\n');
  const pasted = io.stdin.isTTY ? createInterface({ input: io.stdin, terminal: false }) : undefined;
  pasted?.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      pending.submitCallbackUrl(line.trim());
    } catch (error) {
      io.stderr.write(`${terminalText(cliErrorLine(error))}\n`);
    }
  });
  try {
    return await pending.token;
  } finally {
    pasted?.close();
    pending.cancel();
  }
}

async function waitForDeviceCode(context: CommandContext, pending: DeviceCodeSignIn): Promise<SsoToken> {
  const { io, session } = context;
  io.stderr.write(
    `To sign in to ${terminalText(session.startUrl)}, open ${terminalText(pending.verificationUri)} ` +
      `and enter the code\n\n    ${terminalText(pending.userCode)}\n\n` +
      `or open ${terminalText(pending.verificationUriComplete)}\nWaiting for the sign-in…\n`,
  );
  await browse(context, pending.verificationUriComplete);
  try {
    return await pending.token;
  } finally {
    pending.cancel();
  }
}

/** Opens the browser unless told not to, saying so when it could not; the demo approves by itself. */
async function browse(context: CommandContext, url: string): Promise<BrowserOutcome> {
  const { io } = context;
  const outcome = await openSignInUrl(io, url, context.options.noBrowser);
  if (outcome === 'failed') io.stderr.write('The browser could not be opened; open the address by hand.\n');
  if (outcome !== 'approvedByDemo') return outcome;
  io.stderr.write('Demo: no browser here, so the simulator approves the sign-in itself.\n');
  return 'opened';
}

function sessionLabel(context: CommandContext): string {
  return context.session.name ? `the SSO session '${context.session.name}'` : context.session.startUrl;
}
