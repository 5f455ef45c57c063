import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error Identity Center could send, which the front door answers with instead of passing a call on. */
export interface RefusalAnswer {
  readonly status: number;
  readonly errorType: string;
  readonly error: string;
}

export interface FrontDoor {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server before the simulator: a call `refuse` answers for (by its path) gets that error, every
 * other call is passed on unchanged, so the SDK client meets faults the simulator has no switch for.
 */
export async function startFrontDoor(
  simulatorUrl: string,
  refuse: (path: string) => RefusalAnswer | undefined,
): Promise<FrontDoor> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const refusal = refuse(request.url ?? '/');
    if (refusal) {
      response.writeHead(refusal.status, {
        'content-type': 'application/json',
        'x-amzn-ErrorType': refusal.errorType,
      });
      response.end(JSON.stringify({ error: refusal.error, error_description: 'refused by the front door' }));
      return;
    }
    const upstream = await fetch(`${simulatorUrl}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      ...(request.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
    });
    response.writeHead(upstream.status, Object.fromEntries(upstream.headers));
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
