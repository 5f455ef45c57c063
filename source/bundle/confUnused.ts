/*
 * conf imports ajv (schema validation) and semver (migrations) when it loads, ~70 ms of a start, and uses
 * them only when given a schema or migrations. sso-tui gives neither (services/stateStore.ts), so the bundle
 * puts this module in their place (see build.mjs); if that ever changes, the first use says so.
 */
function unused(): never {
  throw new Error('This build of sso-tui leaves out conf schemas and migrations; see build.mjs.');
}

/** In place of `ajv/dist/2020.js`. */
export class Ajv2020 {
  constructor() {
    unused();
  }
}

/** In place of `ajv-formats` (read as `.default`) and `semver` (read as its functions). */
export default { default: unused, eq: unused, clean: unused, satisfies: unused, lte: unused, gt: unused };
