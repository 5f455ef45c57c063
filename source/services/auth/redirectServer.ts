import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError, SignInFailedError, UserError } from '../errors.js';

export const CALLBACK_PATH = '/oauth/callback';
const LOOPBACK = '127.0.0.1';
/** How long the redirect server waits for the browser before the sign-in gives up. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export interface RedirectServerOptions {
  /** The state sent to /authorize; a callback must bring it back. */
  readonly state: string;
  /** A fixed port, so `ssh -L` can forward it; by default the OS picks one. */
  readonly port?: number;
  readonly timeoutMs?: number;
}

export interface RedirectServer {
  readonly port: number;
  readonly redirectUri: string;
  /** Settles once: the code, or the browser's error, the timeout, or CancelledError when closed first. */
  readonly result: Promise<{ code: string }>;
  /**
   * The address the browser ended on, pasted by hand when the browser cannot reach this machine (SSH).
   * Throws a UserError if it is not a callback for this sign-in; otherwise settles `result` as the
   * callback itself would.
   */
  submitPastedUrl(text: string): void;
  close(): Promise<void>;
}

type Callback =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'error'; readonly error: SignInFailedError }
  | { readonly kind: 'invalid'; readonly message: string };

/** The loopback half of the authorization-code flow (SPEC §3.3): one GET /oauth/callback, then it closes. */
export async function startRedirectServer(options: RedirectServerOptions): Promise<RedirectServer> {
  const { state, port = 0, timeoutMs = SIGN_IN_TIMEOUT_MS } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError(`${port} is not a port number (1 to 65535).`, undefined, {
      next: 'choose-callback-port',
    });
  }

  let settled = false;
  let resolveResult!: (value: { code: string }) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<{ code: string }>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may close without ever awaiting the result; that rejection is expected, not unhandled.
  result.catch(() => {});

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    if (url.pathname !== CALLBACK_PATH) return sendPage(response, 404, 'Not found', 'There is nothing here.');
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return sendPage(response, 405, 'Method not allowed', 'Only GET is served here.');
    }
    if (settled) return sendPage(response, 400, 'Sign-in finished', 'This sign-in has already finished.');
    const callback = readCallback(url.searchParams, state);
    if (callback.kind === 'invalid') {
      return sendPage(response, 400, 'Not a valid sign-in callback', callback.message);
    }
    if (callback.kind === 'error') {
      sendPage(response, 200, 'Sign-in failed', `${callback.error.message} You can close this tab.`);
    } else {
      sendPage(response, 200, 'Signed in', 'You are signed in to sso-tui. You can close this tab.');
    }
    // The page goes out first; `Connection: close` lets the server shut once it has.
    response.on('finish', () => void finish(callback));
  });

  await listen(server, port);
  // Listening on a host and port always gives an AddressInfo (a string only for a pipe or socket path).
  const address = server.address() as AddressInfo;
  const redirectUri = `http://${LOOPBACK}:${address.port}${CALLBACK_PATH}`;

  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  const timer = setTimeout(() => {
    void finish({
      kind: 'error',
      error: new SignInFailedError(`Sign-in timed out after ${formatDuration(timeoutMs)}.`, undefined, {
        next: 'sign-in-again',
      }),
    });
  }, timeoutMs);

  async function finish(
    outcome: Exclude<Callback, { kind: 'invalid' }> | { kind: 'cancelled' },
  ): Promise<void> {
    if (!settled) {
      settled = true;
      if (outcome.kind === 'code') resolveResult({ code: outcome.code });
      else if (outcome.kind === 'error') rejectResult(outcome.error);
      else rejectResult(new CancelledError('The sign-in was cancelled.'));
    }
    clearTimeout(timer);
    if (server.listening) {
      server.close();
      server.closeAllConnections();
    }
    await closed;
  }

  return {
    port: address.port,
    redirectUri,
    result,
    submitPastedUrl(text) {
      if (settled) throw new UserError('This sign-in has already finished.');
      const callback = readPastedUrl(text, state, address.port, redirectUri);
      if (callback.kind === 'invalid') {
        throw new UserError(
          callback.message,
          'Paste the whole address the browser ended on for this sign-in.',
        );
      }
      void finish(callback);
    },
    close: () => finish({ kind: 'cancelled' }),
  };
}

/** The hosts a pasted callback may name: the server listens on 127.0.0.1, which `localhost` also reaches. */
const PASTED_HOSTS = new Set([LOOPBACK, 'localhost']);

/**
 * A pasted address is a callback for this sign-in only as `http://127.0.0.1:<port>/oauth/callback?…` (or
 * `localhost`), with the port this server listens on: any other scheme, host, port or user part is refused
 * before its query is even read.
 */
function readPastedUrl(text: string, state: string, port: number, redirectUri: string): Callback {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { kind: 'invalid', message: 'That is not a URL.' };
  }
  const listening =
    url.protocol === 'http:' &&
    PASTED_HOSTS.has(url.hostname) &&
    Number(url.port || 80) === port &&
    url.username === '' &&
    url.password === '';
  if (!listening || url.pathname !== CALLBACK_PATH) {
    return {
      kind: 'invalid',
      message: `That is not the sign-in callback; it should start with ${redirectUri}.`,
    };
  }
  return readCallback(url.searchParams, state);
}

/** Checks a callback's query; messages never repeat the code or the state. */
function readCallback(query: URLSearchParams, expectedState: string): Callback {
  const state = query.get('state');
  if (state === null) return { kind: 'invalid', message: 'The callback has no state.' };
  if (!sameSecret(state, expectedState)) {
    return { kind: 'invalid', message: 'The callback does not belong to this sign-in (wrong state).' };
  }
  const error = query.get('error');
  if (error !== null) return { kind: 'error', error: browserError(error) };
  const code = query.get('code');
  if (!code) return { kind: 'invalid', message: 'The callback has no authorization code.' };
  return { kind: 'code', code };
}

function browserError(error: string): SignInFailedError {
  if (error === 'access_denied') {
    return new SignInFailedError('The sign-in was denied in the browser.', undefined, {
      next: 'approve-sign-in',
    });
  }
  // The error comes from a URL anyone could craft; show it only if it looks like an OAuth error code.
  const shown = /^[a-z_]{1,64}$/.test(error) ? ` (${error})` : '';
  return new SignInFailedError(`The sign-in failed in the browser${shown}.`, undefined, {
    next: 'sign-in-again',
  });
}

/** Constant time whatever the inputs: both sides are hashed to the same length first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        const why = error.code === 'EADDRINUSE' ? 'is already in use' : 'is not allowed';
        reject(
          new UserError(
            `Port ${port} on ${LOOPBACK} ${why}, so the sign-in cannot receive the browser's callback.`,
            undefined,
            { cause: error, next: 'choose-callback-port' },
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen(port, LOOPBACK, () => resolve());
  });
}

function sendPage(response: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>sso-tui: ${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(body);
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  return ms === 1000 ? '1 second' : `${ms / 1000} seconds`;
}
