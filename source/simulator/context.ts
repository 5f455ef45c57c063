import type { Faults } from './faults.js';
import type { IdentityStore } from './identityStore.js';
import type { Organization, OrganizationAccount } from './organization.js';

/** Role credentials as GetRoleCredentials handed them out, kept so tests can compare what was exported. */
export interface IssuedRoleCredentials {
  readonly accountId: string;
  readonly roleName: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch ms, as the wire carries it. */
  readonly expiration: number;
}

/** What every route needs, built once when the server starts. */
export interface SimulatorContext {
  /** http://127.0.0.1:PORT, no trailing slash. */
  readonly url: string;
  readonly now: () => number;
  readonly faults: Faults;
  readonly store: IdentityStore;
  readonly organization: Organization;
  readonly accountsById: ReadonlyMap<string, OrganizationAccount>;
  readonly issuedCredentials: IssuedRoleCredentials[];
  readonly autoApprove: boolean;
  /** Set: the only start URLs /authorize serves (see SimulatorOptions.startUrls). */
  readonly startUrls?: readonly string[];
  readonly credentialLifetimeSeconds: number;
  readonly deviceCodeIntervalSeconds: number;
}
