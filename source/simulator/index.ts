export {
  startSimulator,
  type IssuedTokens,
  type LifetimeOptions,
  type Simulator,
  type SimulatorOptions,
} from './server.js';
export {
  generateOrganization,
  HOSTILE_PAYLOADS,
  hostileOrganization,
  type Organization,
  type OrganizationAccount,
  type OrganizationOptions,
} from './organization.js';
export type { Faults } from './faults.js';
export type { PortalCall, SimulatorStats } from './stats.js';
export type { IssuedRoleCredentials } from './context.js';
export { awsCliTokenRecord } from './awsCliCache.js';
