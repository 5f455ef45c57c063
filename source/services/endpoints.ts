/**
 * Where the OIDC and portal APIs live. `AWS_ENDPOINT_URL_SSO_OIDC` and `AWS_ENDPOINT_URL_SSO` move them,
 * as they do for every AWS SDK; the simulator is reached this way.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function oidcEndpoint(region: string, env: Environment): string {
  return trimSlash(env.AWS_ENDPOINT_URL_SSO_OIDC) ?? `https://oidc.${region}.amazonaws.com`;
}

export function portalEndpoint(region: string, env: Environment): string {
  return trimSlash(env.AWS_ENDPOINT_URL_SSO) ?? `https://portal.sso.${region}.amazonaws.com`;
}

function trimSlash(url: string | undefined): string | undefined {
  return url ? url.replace(/\/+$/, '') : undefined;
}
