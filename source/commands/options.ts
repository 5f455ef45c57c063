import { parseArgs } from 'node:util';
import { UsageError } from '../services/errors.js';

export const COMMANDS = [
  'login',
  'logout',
  'list',
  'export',
  'env',
  'credential-process',
  'console',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliOptions {
  readonly command?: CommandName;
  readonly help: boolean;
  readonly version: boolean;
  readonly demo: boolean;
  readonly debug: boolean;
  readonly ssoSession?: string;
  readonly startUrl?: string;
  readonly region?: string;
  readonly noBrowser: boolean;
  readonly deviceCode: boolean;
  readonly callbackPort?: number;
  readonly profile?: string;
  readonly account?: string;
  readonly role?: string;
  readonly force: boolean;
  readonly ssoProfile: boolean;
  readonly shell?: 'sh' | 'fish' | 'powershell';
  readonly roles: boolean;
  readonly json: boolean;
  readonly print: boolean;
}

const GLOBAL_OPTIONS = [
  'help',
  'version',
  'demo',
  'debug',
  'sso-session',
  'start-url',
  'region',
  'no-browser',
  'device-code',
  'callback-port',
] as const;

/** The options each command accepts besides the global ones. */
const COMMAND_OPTIONS: Record<CommandName | 'tui', readonly string[]> = {
  tui: ['profile'],
  login: [],
  logout: [],
  list: ['roles', 'json'],
  export: ['account', 'role', 'profile', 'sso-profile', 'force'],
  env: ['account', 'role', 'shell'],
  'credential-process': ['account', 'role'],
  console: ['account', 'role', 'print'],
};

const SPEC = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  demo: { type: 'boolean' },
  debug: { type: 'boolean' },
  'sso-session': { type: 'string' },
  'start-url': { type: 'string' },
  region: { type: 'string' },
  'no-browser': { type: 'boolean' },
  'device-code': { type: 'boolean' },
  'callback-port': { type: 'string' },
  profile: { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  force: { type: 'boolean' },
  'sso-profile': { type: 'boolean' },
  shell: { type: 'string' },
  roles: { type: 'boolean' },
  json: { type: 'boolean' },
  print: { type: 'boolean' },
} as const;

/** Parses argv (without node and the script) into checked options; anything off is a UsageError. */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}.`, 'See `sso-tui --help`.');
  }
  const { values, positionals } = parsed;
  const [first, ...extra] = positionals;
  if (first !== undefined && !isCommand(first)) {
    throw new UsageError(`Unknown command '${first}'.`, `Commands: ${COMMANDS.join(', ')}.`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'.`, 'See `sso-tui --help`.');
  const command = first;
  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command ?? 'tui']]);
  for (const name of Object.keys(values)) {
    if (!allowed.has(name)) {
      throw new UsageError(
        `--${name} does not apply to ${command ? `\`sso-tui ${command}\`` : 'the full-screen flow'}.`,
        'See `sso-tui --help`.',
      );
    }
  }
  return {
    command,
    help: values.help ?? false,
    version: values.version ?? false,
    demo: values.demo ?? false,
    debug: values.debug ?? false,
    ssoSession: nonEmpty(values['sso-session'], 'sso-session'),
    startUrl: values['start-url'] === undefined ? undefined : parseStartUrl(values['start-url']),
    region: values.region === undefined ? undefined : parseRegion(values.region),
    noBrowser: values['no-browser'] ?? false,
    deviceCode: values['device-code'] ?? false,
    callbackPort: values['callback-port'] === undefined ? undefined : parsePort(values['callback-port']),
    profile: nonEmpty(values.profile, 'profile'),
    account: nonEmpty(values.account, 'account'),
    role: nonEmpty(values.role, 'role'),
    force: values.force ?? false,
    ssoProfile: values['sso-profile'] ?? false,
    shell: values.shell === undefined ? undefined : parseShell(values.shell),
    roles: values.roles ?? false,
    json: values.json ?? false,
    print: values.print ?? false,
  };
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value.trim();
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`--callback-port must be a port number from 1 to 65535, not '${text}'.`);
  }
  return port;
}

function parseStartUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return text;
  } catch {
    // Falls through to the usage error below.
  }
  throw new UsageError(`--start-url must be a URL like https://my-org.awsapps.com/start, not '${text}'.`);
}

function parseRegion(text: string): string {
  if (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text)) return text;
  throw new UsageError(`--region must be an AWS region like us-east-1, not '${text}'.`);
}

function parseShell(text: string): 'sh' | 'fish' | 'powershell' {
  if (text === 'sh' || text === 'fish' || text === 'powershell') return text;
  throw new UsageError(`--shell must be sh, fish or powershell, not '${text}'.`);
}
