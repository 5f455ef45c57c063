import { createInterface } from 'node:readline';
import { startAuthCodeLogin } from '../services/auth/authCodeLogin.js';
import { openBrowser, type BrowserOutcome } from '../services/auth/browser.js';
import { getClientRegistration } from '../services/auth/clientRegistration.js';
import { startDeviceCodeLogin } from '../services/auth/deviceCodeLogin.js';
import { oidcEndpoint } from '../services/endpoints.js';
import { describeError, SessionExpiredError } from '../services/errors.js';
import type { SsoToken } from '../services/ssoSession.js';
import { writeCachedToken } from '../services/tokenCache.js';
import { loadUsableToken } from '../services/tokenRefresh.js';
import type { CommandContext } from './context.js';

/**
 * A usable token for the session: the cached one (refreshed if need be), else a sign-in when someone is at
 * the terminal to do it; a script gets the clear error at once instead of a hang.
 */
export async function requireToken(context: CommandContext): Promise<SsoToken> {
  const token = await loadUsableToken({
    file: context.tokenFile,
    oidc: context.oidc,
    clock: context.io.clock,
  });
  if (token) return token;
  const { stdin, stderr } = context.io;
  if (!(stdin.isTTY && stderr.isTTY) && !context.io.approveSignIn) {
    throw new SessionExpiredError(
      `There is no usable sign-in for ${sessionLabel(context)}.`,
      'Run `sso-tui login`.',
    );
  }
  return signIn(context);
}

/** Signs in (browser redirect with PKCE, or device code), shows the URL on stderr and fills the token cache. */
export async function signIn(context: CommandContext): Promise<SsoToken> {
  const token = context.options.deviceCode ? await deviceCodeSignIn(context) : await authCodeSignIn(context);
  context.redactor.remember(token.accessToken, token.refreshToken, token.clientSecret);
  await writeCachedToken(context.tokenFile, token);
  context.io.stderr.write(
    `Signed in to ${context.session.startUrl} until ${token.expiresAt.toLocaleString()}.\n`,
  );
  return token;
}

async function authCodeSignIn(context: CommandContext): Promise<SsoToken> {
  const { io, session, options } = context;
  const registration = await getClientRegistration({
    oidc: context.oidc(),
    session,
    grant: 'authorization_code',
    store: context.settings,
    clock: io.clock,
  });
  const login = await startAuthCodeLogin({
    oidc: context.oidc(),
    oidcEndpoint: oidcEndpoint(session.region, io.env),
    session,
    registration,
    callbackPort: options.callbackPort,
    clock: io.clock,
  });
  io.stderr.write(
    `To sign in to ${session.startUrl}, open this address in a browser:\n\n  ${login.authorizeUrl}\n\n`,
  );
  const outcome = await browse(context, login.authorizeUrl);
  if (outcome !== 'opened') {
    io.stderr.write(
      'If the browser runs on another machine, paste here the address it ends on ' +
        `(${login.redirectUri}?code=…), or forward the port: ssh -L ${new URL(login.redirectUri).port}:127.0.0.1:${new URL(login.redirectUri).port}.\n`,
    );
  }
  io.stderr.write('Waiting for the sign-in…\n');
  const pasted = io.stdin.isTTY ? createInterface({ input: io.stdin, terminal: false }) : undefined;
  pasted?.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      login.submitCallbackUrl(line.trim());
    } catch (error) {
      io.stderr.write(`${describeError(error)}\n`);
    }
  });
  try {
    return await login.token;
  } finally {
    pasted?.close();
    login.cancel();
  }
}

async function deviceCodeSignIn(context: CommandContext): Promise<SsoToken> {
  const { io, session } = context;
  const registration = await getClientRegistration({
    oidc: context.oidc(),
    session,
    grant: 'device_code',
    store: context.settings,
    clock: io.clock,
  });
  const login = await startDeviceCodeLogin({ oidc: context.oidc(), session, registration, clock: io.clock });
  io.stderr.write(
    `To sign in to ${session.startUrl}, open ${login.verificationUri} and enter the code\n\n    ${login.userCode}\n\n` +
      `or open ${login.verificationUriComplete}\nWaiting for the sign-in…\n`,
  );
  await browse(context, login.verificationUriComplete);
  try {
    return await login.token;
  } finally {
    login.cancel();
  }
}

/** Opens the browser unless told not to; in the demo, approves the sign-in itself when no browser opened. */
async function browse(context: CommandContext, url: string): Promise<BrowserOutcome> {
  const { io } = context;
  const outcome = context.options.noBrowser
    ? 'headless'
    : await openBrowser(url, { env: io.env, platform: io.platform });
  if (outcome === 'failed') io.stderr.write('The browser could not be opened; open the address by hand.\n');
  if (outcome !== 'opened' && io.approveSignIn) {
    io.stderr.write('Demo: no browser here, so the simulator approves the sign-in itself.\n');
    await io.approveSignIn(url);
    return 'opened';
  }
  return outcome;
}

function sessionLabel(context: CommandContext): string {
  return context.session.name ? `the SSO session '${context.session.name}'` : context.session.startUrl;
}
