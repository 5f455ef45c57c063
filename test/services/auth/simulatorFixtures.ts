import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { createOidcClient } from '../../../source/services/awsClients.js';
import type { SsoSession } from '../../../source/services/ssoSession.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../source/simulator/index.js';

export const SESSION: SsoSession = {
  name: 'work',
  startUrl: 'https://example.awsapps.com/start',
  region: 'eu-west-1',
  scopes: ['sso:account:access'],
};

/** The moment the stand-in tests run at, and a client registration good well after it. */
export const NOW = new Date('2030-01-01T00:00:00Z');
export const REGISTRATION = {
  clientId: 'client',
  clientSecret: 'secret',
  expiresAt: new Date('2030-03-01T00:00:00Z'),
  scopes: ['sso:account:access'],
};

export interface Harness {
  readonly simulator: Simulator;
  readonly oidc: SSOOIDCClient;
  readonly env: { AWS_ENDPOINT_URL_SSO_OIDC: string; AWS_ENDPOINT_URL_SSO: string };
}

/** A simulator and SDK clients pointed at it the way the program does it: through the endpoint variables. */
export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const simulator = await startSimulator(options);
  const env = { AWS_ENDPOINT_URL_SSO_OIDC: simulator.url, AWS_ENDPOINT_URL_SSO: simulator.url };
  return { simulator, oidc: createOidcClient(SESSION.region, env), env };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  harness?.oidc.destroy();
  await harness?.simulator.close();
}
