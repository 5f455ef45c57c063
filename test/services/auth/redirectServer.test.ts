import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, SignInFailedError, UserError } from '../../../source/services/errors.js';
import { startRedirectServer, type RedirectServer } from '../../../source/services/auth/redirectServer.js';

const STATE = 'the-right-state-0123456789abcdefghij';
const servers: RedirectServer[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
});

async function start(options: { port?: number; timeoutMs?: number } = {}): Promise<RedirectServer> {
  const server = await startRedirectServer({ state: STATE, ...options });
  servers.push(server);
  return server;
}

function callback(server: RedirectServer, query: Record<string, string>): string {
  return `${server.redirectUri}?${new URLSearchParams(query).toString()}`;
}

/**
 * A refused callback must leave the sign-in waiting: proven by the genuine one completing it afterwards
 * (had the refused one settled the result, it would hold that one's outcome), not by a wait running out.
 */
async function completesWithGenuineCallback(server: RedirectServer): Promise<void> {
  const genuine = await fetch(callback(server, { code: 'the-real-code', state: STATE }));
  expect(genuine.status).toBe(200);
  await expect(server.result).resolves.toEqual({ code: 'the-real-code' });
}

function connectionRefused(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('startRedirectServer', () => {
  it('listens on a loopback port the OS picked and names it in the redirect URI', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.redirectUri).toBe(`http://127.0.0.1:${server.port}/oauth/callback`);
  });

  it('answers bad requests without ending the sign-in, then completes on the genuine callback', async () => {
    const server = await start();
    const wrongState = await fetch(callback(server, { code: 'c0de', state: 'someone-elses-state' }));
    expect(wrongState.status).toBe(400);
    const missingState = await fetch(callback(server, { code: 'c0de' }));
    expect(missingState.status).toBe(400);
    const otherPath = await fetch(`http://127.0.0.1:${server.port}/favicon.ico`);
    expect(otherPath.status).toBe(404);
    const post = await fetch(callback(server, { code: 'c0de', state: STATE }), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const missingCode = await fetch(callback(server, { state: STATE }));
    expect(missingCode.status).toBe(400);

    const genuine = await fetch(callback(server, { code: 'the-real-code', state: STATE }));
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toContain('You can close this tab');
    await expect(server.result).resolves.toEqual({ code: 'the-real-code' });
  });

  it('closes once the genuine callback has been answered', async () => {
    const server = await start();
    const response = await fetch(callback(server, { code: 'the-real-code', state: STATE }));
    expect(response.headers.get('connection')).toBe('close');
    await server.result;
    expect(await connectionRefused('127.0.0.1', server.port)).toBe('ECONNREFUSED');
  });

  it('rejects with a friendly SignInFailedError when the browser reports access_denied', async () => {
    const server = await start();
    const response = await fetch(callback(server, { error: 'access_denied', state: STATE }));
    expect(await response.text()).toContain('Sign-in failed');
    const error = await server.result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe('The sign-in was denied in the browser.');
  });

  it('names another OAuth error but never echoes arbitrary text from the URL', async () => {
    const server = await start();
    await fetch(callback(server, { error: 'server_error', state: STATE }));
    await expect(server.result).rejects.toMatchObject({
      message: 'The sign-in failed in the browser (server_error).',
    });

    const other = await start();
    await fetch(callback(other, { error: '<script>alert(1)</script>', state: STATE }));
    await expect(other.result).rejects.toMatchObject({ message: 'The sign-in failed in the browser.' });
  });

  it('ignores an error callback that carries the wrong state', async () => {
    const server = await start();
    const response = await fetch(callback(server, { error: 'access_denied', state: 'forged' }));
    expect(response.status).toBe(400);
    await completesWithGenuineCallback(server);
  });

  it('does not accept a state that only shares a prefix or a length with the right one', async () => {
    const server = await start();
    for (const state of [STATE.slice(0, -1), `${STATE}x`, `${STATE.slice(0, -1)}X`, '']) {
      const response = await fetch(callback(server, { code: 'c0de', state }));
      expect(response.status).toBe(400);
    }
    await completesWithGenuineCallback(server);
  });

  const otherAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.runIf(otherAddress)(
    `refuses connections on the machine’s other interfaces${otherAddress ? '' : ' — skipped: this machine has no other IPv4 interface'}`,
    async () => {
      const server = await start();
      expect(await connectionRefused(otherAddress ?? '', server.port)).toBe('ECONNREFUSED');
      expect(await connectionRefused('127.0.0.1', server.port)).toBe('connected');
    },
  );

  describe('a pasted callback URL', () => {
    it('is refused with a sentence when it is not a URL, the wrong path or the wrong state', async () => {
      const server = await start();
      let notUrl: unknown;
      try {
        server.submitPastedUrl('not a url');
      } catch (caught) {
        notUrl = caught;
      }
      expect(notUrl).toBeInstanceOf(UserError);
      expect(notUrl).toMatchObject({
        message: 'That is not a URL.',
        hint: 'Paste the whole address the browser ended on for this sign-in.',
      });
      expect(() =>
        server.submitPastedUrl(`http://127.0.0.1:${server.port}/elsewhere?state=${STATE}`),
      ).toThrow(/not the sign-in callback/);
      // Right path, state and code, but not this server: another scheme, host, port, or a user part.
      const query = new URLSearchParams({ code: 'c', state: STATE }).toString();
      for (const elsewhere of [
        `https://127.0.0.1:${server.port}/oauth/callback?${query}`,
        `http://evil.example:${server.port}/oauth/callback?${query}`,
        `http://127.0.0.2:${server.port}/oauth/callback?${query}`,
        `http://127.0.0.1:${server.port === 65_535 ? 1 : server.port + 1}/oauth/callback?${query}`,
        `http://127.0.0.1/oauth/callback?${query}`,
        `http://me@127.0.0.1:${server.port}/oauth/callback?${query}`,
        `http://:pass@127.0.0.1:${server.port}/oauth/callback?${query}`,
        `javascript://127.0.0.1:${server.port}/oauth/callback?${query}`,
      ]) {
        expect(() => server.submitPastedUrl(elsewhere), elsewhere).toThrow(
          `That is not the sign-in callback; it should start with ${server.redirectUri}.`,
        );
      }
      let error: unknown;
      try {
        server.submitPastedUrl(callback(server, { code: 'secret-code-123', state: 'wrong' }));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(/wrong state/);
      expect(`${(error as UserError).message} ${(error as UserError).hint}`).not.toContain('secret-code-123');
      await completesWithGenuineCallback(server);
    });

    it('completes the sign-in as the callback would when it is right, surrounding blanks and all', async () => {
      const server = await start();
      // A non-breaking space, as copying from a web page may bring, is a blank too.
      server.submitPastedUrl(`\u00A0 ${callback(server, { code: 'pasted-code', state: STATE })}\n`);
      await expect(server.result).resolves.toEqual({ code: 'pasted-code' });
      expect(() => server.submitPastedUrl(callback(server, { code: 'again', state: STATE }))).toThrow(
        'This sign-in has already finished.',
      );
      expect(await connectionRefused('127.0.0.1', server.port)).toBe('ECONNREFUSED');
    });

    it('may name localhost instead of 127.0.0.1', async () => {
      const server = await start();
      server.submitPastedUrl(
        `http://localhost:${server.port}/oauth/callback?${new URLSearchParams({ code: 'c', state: STATE }).toString()}`,
      );
      await expect(server.result).resolves.toEqual({ code: 'c' });
    });

    it('ends the sign-in with the error a pasted error URL carries', async () => {
      const server = await start();
      server.submitPastedUrl(callback(server, { error: 'access_denied', state: STATE }));
      await expect(server.result).rejects.toMatchObject({
        message: 'The sign-in was denied in the browser.',
      });
    });
  });

  it('says which fixed port is taken and how to choose another', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');

    const error = await startRedirectServer({ state: STATE, port: address.port }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`Port ${address.port}`);
    expect((error as UserError).message).toContain('already in use');
    expect((error as UserError).next).toBe('choose-callback-port');
    expect((error as UserError).cause).toMatchObject({ code: 'EADDRINUSE' });
  });

  it.each([70_000, 65_536, -1, 1.5, Number.NaN])('refuses %s, which is not a port number', async (port) => {
    const error = await startRedirectServer({ state: STATE, port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      message: `${port} is not a port number (1 to 65535).`,
      next: 'choose-callback-port',
    });
  });

  it('takes 65535 as a port number', async () => {
    const outcome = await start({ port: 65_535 }).then(
      (server) => server.redirectUri,
      (error: unknown) => (error as Error).message,
    );
    // Listening, or refused for the port being taken, but not for not being a port.
    expect(outcome).toMatch(
      /^(http:\/\/127\.0\.0\.1:65535\/oauth\/callback|Port 65535 on 127\.0\.0\.1 is already in use, .*)$/,
    );
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)(
    `says a port below 1024 is not allowed${isRoot ? ' — skipped: root may listen on any port' : ''}`,
    async () => {
      const error = await startRedirectServer({ state: STATE, port: 1 }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        message: "Port 1 on 127.0.0.1 is not allowed, so the sign-in cannot receive the browser's callback.",
        next: 'choose-callback-port',
        cause: { code: 'EACCES' },
      });
    },
  );

  it('gives up after the timeout with a message that says to sign in again, and closes', async () => {
    const server = await start({ timeoutMs: 20 });
    const error = await server.result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).message).toBe('Sign-in timed out after 0.02 seconds.');
    expect((error as SignInFailedError).next).toBe('sign-in-again');
    expect((error as SignInFailedError).hint).toBeUndefined();
    expect(await connectionRefused('127.0.0.1', server.port)).toBe('ECONNREFUSED');
  });

  it('rejects the result with CancelledError when closed before any callback', async () => {
    const server = await start();
    await server.close();
    await expect(server.result).rejects.toBeInstanceOf(CancelledError);
    await expect(server.result).rejects.toMatchObject({ message: 'The sign-in was cancelled.' });
  });

  describe('the page the browser is shown', () => {
    /** Status, title and text of the page one request gets. */
    async function page(url: string, init: RequestInit = {}) {
      const response = await fetch(url, init);
      const html = await response.text();
      const title = /<title>sso-tui: ([^<]*)<\/title>/.exec(html)?.[1];
      expect(html).toContain(`<h1>${title}</h1>`);
      return {
        status: response.status,
        title,
        text: /<p>([^<]*)<\/p>/.exec(html)?.[1],
        headers: response.headers,
      };
    }

    it('names what happened for every request, and the next step for the genuine one', async () => {
      const server = await start();
      expect(await page(`http://127.0.0.1:${server.port}/favicon.ico`)).toMatchObject({
        status: 404,
        title: 'Not found',
        text: 'There is nothing here.',
      });
      expect(await page(callback(server, { code: 'c', state: STATE }), { method: 'POST' })).toMatchObject({
        status: 405,
        title: 'Method not allowed',
        text: 'Only GET is served here.',
      });
      for (const [query, text] of [
        [{ code: 'c' }, 'The callback has no state.'],
        [{ code: 'c', state: 'other' }, 'The callback does not belong to this sign-in (wrong state).'],
        [{ state: STATE }, 'The callback has no authorization code.'],
        [{ state: STATE, code: '' }, 'The callback has no authorization code.'],
      ] as const) {
        expect(await page(callback(server, query))).toMatchObject({
          status: 400,
          title: 'Not a valid sign-in callback',
          text,
        });
      }
      expect(await page(callback(server, { code: 'c', state: STATE }))).toMatchObject({
        status: 200,
        title: 'Signed in',
        text: 'You are signed in to sso-tui. You can close this tab.',
      });
    });

    it('says the sign-in failed, and why, when the browser brings an error back', async () => {
      const server = await start();
      expect(await page(callback(server, { error: 'access_denied', state: STATE }))).toMatchObject({
        status: 200,
        title: 'Sign-in failed',
        text: 'The sign-in was denied in the browser. You can close this tab.',
      });
    });

    it('is never cached, framed by a referrer, run as a script or sniffed as another type', async () => {
      const server = await start();
      for (const url of [`http://127.0.0.1:${server.port}/`, callback(server, { code: 'c', state: STATE })]) {
        const { headers } = await page(url);
        expect(Object.fromEntries(headers)).toMatchObject({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'x-content-type-options': 'nosniff',
        });
      }
    });
  });

  describe('the error a browser brings back', () => {
    it('asks to approve the sign-in after a denial, and to sign in again after any other', async () => {
      const denied = await start();
      await fetch(callback(denied, { error: 'access_denied', state: STATE }));
      await expect(denied.result).rejects.toMatchObject({ next: 'approve-sign-in' });
      const failed = await start();
      await fetch(callback(failed, { error: 'server_error', state: STATE }));
      await expect(failed.result).rejects.toMatchObject({ next: 'sign-in-again' });
    });

    it('is named only when it is wholly an OAuth error code', async () => {
      for (const [error, shown] of [
        ['temporarily_unavailable', ' (temporarily_unavailable)'],
        ['<b>you have won</b> server_error', ''],
        ['server_error <b>you have won</b>', ''],
        ['Server_Error', ''],
        ['a'.repeat(64), ` (${'a'.repeat(64)})`],
        ['a'.repeat(65), ''],
      ] as const) {
        const server = await start();
        await fetch(callback(server, { error, state: STATE }));
        const refusal = await server.result.catch((caught: unknown) => caught);
        expect((refusal as Error).message, error).toBe(`The sign-in failed in the browser${shown}.`);
      }
    });
  });

  describe('the wait for the browser', () => {
    it.each([
      [60_000, '1 minute'],
      [3 * 60_000, '3 minutes'],
      [1000, '1 second'],
      [90_000, '90 seconds'],
      [undefined, '10 minutes'],
    ])('given %s ms, ends after it, saying "%s"', async (timeoutMs, said) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const server = await start(timeoutMs === undefined ? {} : { timeoutMs });
      vi.advanceTimersByTime(timeoutMs ?? 10 * 60_000);
      const error = await server.result.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SignInFailedError);
      expect(error).toMatchObject({ message: `Sign-in timed out after ${said}.`, next: 'sign-in-again' });
    });

    it('is not over a moment before the timeout', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const server = await start();
      vi.advanceTimersByTime(10 * 60_000 - 1);
      await completesWithGenuineCallback(server);
    });
  });
});
