import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a route answers, as a value: routes stay free of sockets, and the server adds latency and counts
 * statuses in one place.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Thrown while parsing a request to answer with `reply` at once. */
export class RejectedRequest extends Error {
  constructor(readonly reply: Reply) {
    super(`request rejected with ${reply.status}`);
  }
}

export function jsonReply(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * restJson1 errors: the SDK takes the error name from `x-amzn-ErrorType` and the fields from the body. The SSO
 * OIDC service puts OAuth's `error` / `error_description` there.
 */
export function oidcError(status: number, type: string, error: string, description: string): Reply {
  return withErrorType(jsonReply(status, { error, error_description: description }), type);
}

/** The portal's errors carry a `message`. */
export function portalError(status: number, type: string, message: string): Reply {
  return withErrorType(jsonReply(status, { message }), type);
}

function withErrorType(reply: Reply, type: string): Reply {
  return { ...reply, headers: { ...reply.headers, 'x-amzn-ErrorType': type } };
}

export function htmlReply(status: number, title: string, bodyHtml: string): Reply {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // No SDK call comes near this; it only stops a runaway client from filling memory.
    if (size > MAX_BODY_BYTES)
      throw new RejectedRequest(jsonReply(413, { message: 'Request body too large.' }));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON body of an OIDC call, checked to be an object; a malformed one is the caller's fault. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw invalidOidcRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidOidcRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidOidcRequest(`${field} must be a string.`);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw invalidOidcRequest(`${field} is required.`);
  return value;
}

export function optionalStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidOidcRequest(`${field} must be a list of strings.`);
  }
  return value as string[];
}

export function invalidOidcRequest(description: string): RejectedRequest {
  return new RejectedRequest(oidcError(400, 'InvalidRequestException', 'invalid_request', description));
}

export function writeReply(response: ServerResponse, reply: Reply): void {
  // The SDK reads the request id into `$metadata.requestId`, as it does from the real service.
  response.writeHead(reply.status, { 'x-amzn-RequestId': randomUUID(), ...reply.headers });
  response.end(reply.body);
}
