/** One AWS account of the simulated organization and the permission sets the signed-in user has in it. */
export interface OrganizationAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly roles: readonly string[];
}

export interface Organization {
  readonly accounts: readonly OrganizationAccount[];
}

export interface OrganizationOptions {
  readonly accounts: number;
  /** Same seed, same organization. Default 1. */
  readonly seed?: number;
}

/** Landing-zone accounts most organizations have; they come first so small organizations look real too. */
const CORE_ACCOUNTS = [
  'management',
  'log-archive',
  'security-tooling',
  'audit',
  'network-hub',
  'shared-services',
];

const TEAMS = [
  'payments',
  'identity',
  'data-lake',
  'search',
  'billing',
  'checkout',
  'catalog',
  'analytics',
  'ml-platform',
  'mobile-api',
  'web-frontend',
  'notifications',
  'inventory',
  'shipping',
  'fraud-detection',
  'customer-portal',
  'reporting',
  'messaging',
  'ledger',
  'pricing',
  'recommendations',
  'media',
  'crm',
  'hr-systems',
  'observability',
  'ci-cd',
  'edge',
  'api-gateway',
  'warehouse',
  'support-tools',
];

/** Environments with how often they occur: most teams have prod and dev, fewer have perf or dr. */
const ENVIRONMENTS: readonly (readonly [string, number])[] = [
  ['prod', 6],
  ['dev', 6],
  ['staging', 4],
  ['sandbox', 3],
  ['qa', 3],
  ['test', 2],
  ['uat', 2],
  ['preprod', 1],
  ['perf', 1],
  ['demo', 1],
  ['dr', 1],
];

interface RoleWeight {
  readonly role: string;
  readonly elsewhere: number;
  /** Production accounts hand out fewer roles that can change things. */
  readonly inProd: number;
}

const ROLE_POOL: readonly RoleWeight[] = [
  { role: 'AdministratorAccess', elsewhere: 8, inProd: 1 },
  { role: 'ReadOnlyAccess', elsewhere: 8, inProd: 10 },
  { role: 'PowerUserAccess', elsewhere: 5, inProd: 0.5 },
  { role: 'ViewOnlyAccess', elsewhere: 4, inProd: 6 },
  { role: 'Billing', elsewhere: 2, inProd: 2 },
  { role: 'DeveloperAccess', elsewhere: 7, inProd: 0.5 },
  { role: 'SecurityAudit', elsewhere: 3, inProd: 5 },
  { role: 'DataScientist', elsewhere: 2, inProd: 0.5 },
  { role: 'NetworkAdministrator', elsewhere: 2, inProd: 0.5 },
  { role: 'SupportUser', elsewhere: 2, inProd: 4 },
];

const ENVIRONMENT_TOTAL = ENVIRONMENTS.reduce((sum, [, weight]) => sum + weight, 0);

/** A deterministic organization; pure, and fast enough for 100,000 accounts in benchmarks. */
export function generateOrganization(options: OrganizationOptions): Organization {
  const random = seededRandom(options.seed ?? 1);
  const accountId = createAccountIds(random);
  const pickRoles = createRolePicker(random);
  const nameCounts = new Map<string, number>();
  const accounts: OrganizationAccount[] = [];
  for (let index = 0; index < options.accounts; index++) {
    const core = CORE_ACCOUNTS[index];
    const base = core ?? `${pick(TEAMS, random)}-${pickEnvironment(random)}`;
    const accountName = uniqueName(base, nameCounts);
    accounts.push({
      accountId: accountId(index),
      accountName,
      emailAddress: `aws+${accountName}@example.com`,
      roles: pickRoles(base.endsWith('-prod') || base === 'management'),
    });
  }
  return { accounts };
}

/**
 * The first `payments-prod` keeps the bare name, later ones get `-02`, `-03`…; no team or environment ends
 * in a digit, so a suffixed name can never equal another base name.
 */
function uniqueName(base: string, nameCounts: Map<string, number>): string {
  const seen = (nameCounts.get(base) ?? 0) + 1;
  nameCounts.set(base, seen);
  return seen === 1 ? base : `${base}-${String(seen).padStart(2, '0')}`;
}

const ID_SPACE = 1e12;
const HALF = 1e6;

/**
 * Account ids from the bijection i ↦ (a·i + b) mod 10¹², with a coprime to 10¹²: distinct indexes give
 * distinct ids, so no set of used ids is needed (it was most of the time at 100,000 accounts). The product
 * is taken in halves so every step stays an exact integer below 2⁵³.
 */
function createAccountIds(random: () => number): (index: number) => string {
  const coprimeEndings = [1, 3, 7, 9];
  const a = Math.floor(random() * (ID_SPACE / 10)) * 10 + coprimeEndings[Math.floor(random() * 4)]!;
  const b = Math.floor(random() * ID_SPACE);
  const aHigh = Math.floor(a / HALF);
  const aLow = a % HALF;
  return (index) => {
    const product = ((aHigh * index) % HALF) * HALF + aLow * index;
    return String((product + b) % ID_SPACE).padStart(12, '0');
  };
}

const ELSEWHERE_WEIGHTS = ROLE_POOL.map((entry) => entry.elsewhere);
const PROD_WEIGHTS = ROLE_POOL.map((entry) => entry.inProd);

/**
 * Weighted sampling without replacement (Efraimidis–Spirakis keys), 2 to 6 roles (production: 2 to 4, so the
 * low weights of write roles are not drowned by the count), in pool order. This runs
 * 100,000 times in benchmarks, so it allocates nothing per call: keys go to a shared buffer, and accounts with
 * the same set of roles share one frozen list.
 */
function createRolePicker(random: () => number): (production: boolean) => readonly string[] {
  const keys = new Float64Array(ROLE_POOL.length);
  const listsByMask = new Map<number, readonly string[]>();
  return (production) => {
    const count = 2 + Math.floor(random() * (production ? 3 : 5));
    const weights = production ? PROD_WEIGHTS : ELSEWHERE_WEIGHTS;
    for (let position = 0; position < keys.length; position++) {
      keys[position] = Math.log(1 - random()) / weights[position]!;
    }
    let mask = 0;
    for (let picked = 0; picked < count; picked++) {
      let best = -1;
      for (let position = 0; position < keys.length; position++) {
        if ((mask & (1 << position)) === 0 && (best === -1 || keys[position]! > keys[best]!)) best = position;
      }
      mask |= 1 << best;
    }
    let roles = listsByMask.get(mask);
    if (!roles) {
      roles = Object.freeze(
        ROLE_POOL.filter((_, position) => (mask & (1 << position)) !== 0).map((entry) => entry.role),
      );
      listsByMask.set(mask, roles);
    }
    return roles;
  };
}

function pickEnvironment(random: () => number): string {
  let ticket = random() * ENVIRONMENT_TOTAL;
  for (const [environment, weight] of ENVIRONMENTS) {
    ticket -= weight;
    if (ticket < 0) return environment;
  }
  return ENVIRONMENTS[0]![0];
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * A tiny seeded generator (mulberry32): Math.random cannot be seeded, and the same seed must give the same
 * organization (and the same generated files and typing scripts in the tests and the bench).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * What a hostile portal (or whatever `AWS_ENDPOINT_URL_SSO` points at) can put in names: escape sequences
 * that set the clipboard (OSC 52) and the window title (OSC 0), clear the screen (CSI 2J, also as the C1
 * byte U+009B), a link whose text is not its target (OSC 8), CR/LF/BS that rewrite rows, bidi overrides
 * that reorder what is read, zero-width characters that hide in a name.
 */
export const HOSTILE_PAYLOADS = {
  clipboard: '\u001B]52;c;aGFja2Vk\u0007',
  title: '\u001B]0;pwned\u001B\\',
  clear: '\u001B[2J\u001B[H',
  link: '\u001B]8;;https://evil.example/\u0007payments-prod\u001B]8;;\u0007',
  rows: 'ok\r\nfake-row\b\b\u007F',
  c1: '\u009B2J\u009D0;c1\u009C',
  bidi: '\u202Eedoc\u202C\u2066x\u2069\u200E\u200F\u061C',
  zeroWidth: 'pay\u200Bments\u200C\u200D\u2060\uFEFF',
  tab: 'a\tb\u0000',
} as const;

/**
 * A small organization whose account names, emails and role names carry `HOSTILE_PAYLOADS` (every account
 * has one plain role, `ReadOnlyAccess`, too), after a few plain accounts; ids stay twelve digits.
 */
export function hostileOrganization(): Organization {
  const plain = generateOrganization({ accounts: 3 }).accounts;
  const hostile = Object.entries(HOSTILE_PAYLOADS).map(([kind, payload], index) => ({
    accountId: String(900_000_000_100 + index),
    accountName: `${kind}-${payload}`,
    emailAddress: `aws+${kind}${payload}@example.com`,
    roles: ['ReadOnlyAccess', `Admin${payload}`],
  }));
  return { accounts: [...plain, ...hostile] };
}
