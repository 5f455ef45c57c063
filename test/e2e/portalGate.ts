import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pass-through in front of the simulator's portal that holds every call until it is opened. */
export interface PortalGate {
  /** http://127.0.0.1:PORT: the program's AWS_ENDPOINT_URL_SSO. */
  readonly url: string;
  /** Lets the held calls, and every later one, through. */
  open(): void;
  close(): Promise<void>;
}

/**
 * Lets a test see what the program shows while a portal call is in flight (a cached list with its refresh
 * mark) for as long as it needs, instead of racing the simulator's answer.
 */
export async function startPortalGate(target: string): Promise<PortalGate> {
  let opened = false;
  const held: (() => void)[] = [];
  const forward = (incoming: IncomingMessage, reply: ServerResponse): void => {
    const upstream = request(
      `${target}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      },
    );
    upstream.on('error', () => reply.destroy());
    incoming.pipe(upstream);
  };
  const server = createServer((incoming, reply) => {
    if (opened) forward(incoming, reply);
    else held.push(() => forward(incoming, reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    open() {
      opened = true;
      for (const release of held.splice(0)) release();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
