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
  'populate',
  'exec',
  'completion',
  'status',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
/** What `completion` prints besides scripts: the names the scripts complete, from the cached lists. */
export const COMPLETION_NAMES = ['accounts', 'roles', 'sessions'] as const;
export type CompletionTarget = (typeof COMPLETION_SHELLS)[number] | (typeof COMPLETION_NAMES)[number];

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
  readonly template?: string;
  readonly awsRegion?: string;
  readonly prune: boolean;
  readonly dryRun: boolean;
  readonly refresh: boolean;
  /** exec: the command and its arguments, after `--`. */
  readonly commandArgs: readonly string[];
  /** completion: a shell, or which cached names to print (what the scripts call). */
  readonly completionTarget?: CompletionTarget;
}

export const GLOBAL_OPTIONS = [
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
export const COMMAND_OPTIONS: Record<CommandName | 'tui', readonly string[]> = {
  tui: ['profile'],
  login: [],
  logout: [],
  list: ['roles', 'json'],
  export: ['account', 'role', 'profile', 'sso-profile', 'force'],
  env: ['account', 'role', 'shell'],
  'credential-process': ['account', 'role'],
  console: ['account', 'role', 'print'],
  populate: ['template', 'aws-region', 'prune', 'dry-run', 'refresh'],
  exec: ['account', 'role', 'aws-region'],
  completion: ['account'],
  status: ['json'],
};

export const SPEC = {
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
  template: { type: 'string' },
  'aws-region': { type: 'string' },
  prune: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  refresh: { type: 'boolean' },
} as const;

/** Parses argv (without node and the script) into checked options; anything off is a UsageError. */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  let parsed;
  const dashes = argv.indexOf('--');
  const commandArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
  const ownArgs = dashes === -1 ? argv : argv.slice(0, dashes);
  try {
    parsed = parseArgs({ args: [...ownArgs], options: SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}.`, 'See `sso-tui --help`.');
  }
  const { values, positionals } = parsed;
  const [first, ...extra] = [...positionals];
  if (first !== undefined && !isCommand(first)) {
    throw new UsageError(`Unknown command '${first}'.`, `Commands: ${COMMANDS.join(', ')}.`);
  }
  const command = first;
  const completionTarget = command === 'completion' ? parseCompletionTarget(extra.shift()) : undefined;
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}'.`, 'See `sso-tui --help`.');
  if (dashes !== -1 && command !== 'exec') {
    throw new UsageError('Only `sso-tui exec` takes a command after --.', 'See `sso-tui --help`.');
  }
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
    template: values.template,
    awsRegion:
      values['aws-region'] === undefined ? undefined : parseRegion(values['aws-region'], 'aws-region'),
    prune: values.prune ?? false,
    dryRun: values['dry-run'] ?? false,
    refresh: values.refresh ?? false,
    commandArgs,
    completionTarget,
  };
}

function parseCompletionTarget(text: string | undefined): CompletionTarget {
  const targets: readonly string[] = [...COMPLETION_SHELLS, ...COMPLETION_NAMES];
  if (text !== undefined && targets.includes(text)) return text as CompletionTarget;
  throw new UsageError(
    text === undefined ? '`sso-tui completion` needs a shell.' : `No completion for the shell '${text}'.`,
    'Use bash, zsh or fish.',
  );
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

function parseRegion(text: string, flag = 'region'): string {
  if (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text)) return text;
  throw new UsageError(`--${flag} must be an AWS region like us-east-1, not '${text}'.`);
}

function parseShell(text: string): 'sh' | 'fish' | 'powershell' {
  if (text === 'sh' || text === 'fish' || text === 'powershell') return text;
  throw new UsageError(`--shell must be sh, fish or powershell, not '${text}'.`);
}
