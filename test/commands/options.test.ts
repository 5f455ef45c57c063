import { describe, expect, it } from 'vitest';
import { commandHelp, globalHelp } from '../../source/commands/help.js';
import {
  COMMAND_TABLE,
  COMMANDS,
  FLAGS,
  GLOBAL_FLAGS,
  parseCommandLine,
} from '../../source/commands/options.js';
import { UsageError } from '../../source/services/errors.js';

describe('command line', () => {
  it('reads a subcommand with its options and the global ones', () => {
    const options = parseCommandLine([
      'list',
      '--roles',
      '--json',
      '--sso-session',
      'corp',
      '--callback-port=8400',
      '--refresh',
    ]);
    expect(options).toMatchObject({
      command: 'list',
      roles: true,
      json: true,
      refresh: true,
      ssoSession: 'corp',
      callbackPort: 8400,
      noBrowser: false,
    });
  });

  it('reads global options before the command', () => {
    expect(parseCommandLine(['--demo', '--region', 'eu-west-1', 'login', '--no-browser'])).toMatchObject({
      command: 'login',
      demo: true,
      region: 'eu-west-1',
      noBrowser: true,
    });
  });

  it('keeps --region and --aws-region apart', () => {
    expect(
      parseCommandLine([
        'env',
        '--account',
        'a',
        '--role',
        'r',
        '--region',
        'eu-west-1',
        '--aws-region',
        'us-west-2',
      ]),
    ).toMatchObject({ region: 'eu-west-1', awsRegion: 'us-west-2' });
  });

  it('takes everything after -- as the command line of exec, flags included', () => {
    const options = parseCommandLine([
      'exec',
      '--account',
      'a',
      '--role',
      'r',
      '--',
      'aws',
      '--region',
      'x',
      '--',
    ]);
    expect(options.commandLine).toEqual(['aws', '--region', 'x', '--']);
    expect(options.region).toBeUndefined();
  });

  it('reads the shell of completion and the flags of populate and credential-process', () => {
    expect(parseCommandLine(['completion', 'zsh']).argument).toBe('zsh');
    expect(
      parseCommandLine(['populate', '--template', '{account}-{role}', '--prune', '--dry-run']),
    ).toMatchObject({
      template: '{account}-{role}',
      prune: true,
      dryRun: true,
    });
    expect(
      parseCommandLine(['credential-process', '--account', 'a', '--role', 'r', '--no-cache']).noCache,
    ).toBe(true);
  });

  it.each([
    ['sh', 'sh'],
    ['bash', 'sh'],
    ['zsh', 'sh'],
    ['fish', 'fish'],
    ['powershell', 'powershell'],
    ['pwsh', 'powershell'],
  ])('reads --shell %s as %s syntax', (given, syntax) => {
    expect(parseCommandLine(['env', '--account', 'a', '--role', 'r', '--shell', given]).shell).toBe(syntax);
  });

  it.each([
    ['mycorp', 'https://mycorp.awsapps.com/start'],
    ['https://mycorp.awsapps.com/start/#/', 'https://mycorp.awsapps.com/start'],
  ])('reads --start-url %s as %s', (given, url) => {
    expect(parseCommandLine(['login', '--start-url', given]).startUrl).toBe(url);
  });

  it('lets --help and --version through without the required flags', () => {
    expect(parseCommandLine(['export', '--help']).help).toBe(true);
    expect(parseCommandLine(['exec', '--version']).version).toBe(true);
  });

  it.each([
    [['frobnicate'], /^Unknown command 'frobnicate'\.$/, /^Commands: login, logout, list/],
    [['lst'], /^Unknown command 'lst'\.$/, /^Did you mean `sso-tui list`\?$/],
    [['credential-proces'], /^Unknown command/, /^Did you mean `sso-tui credential-process`\?$/],
    [['export', '--acount', 'x'], /^Unknown option '--acount'\.$/, /^Did you mean --account\?$/],
    [['--acount', 'x'], /^Unknown option '--acount'\.$/, /^Did you mean --account\?$/],
    [['list', '--jsn'], /^Unknown option '--jsn'\.$/, /^Did you mean --json\?$/],
    [['list', '--bogus'], /^Unknown option '--bogus'\.$/, /^See `sso-tui list --help`\.$/],
    [['export', '--account', 'a', '--role'], /^--role needs a value: a role name\.$/, /./],
    [['export', '--role', '--account', 'a'], /^--role needs a value: a role name\.$/, /./],
    [['export', '--account', 'a'], /^`sso-tui export` needs --role and --profile\.$/, /./],
    [['login', '--roles'], /^--roles does not apply to `sso-tui login`\.$/, /./],
    [['list', '--json=yes'], /^--json takes no value \(got 'yes'\)\.$/, /./],
    [['list', 'extra'], /^Unexpected argument 'extra'\.$/, /./],
    [['exec', '--account', 'a', '--role', 'r', 'ls'], /^Unexpected argument 'ls'\.$/, /after `--`/],
    [['exec', '--account', 'a', '--role', 'r'], /needs a command to run after `--`/, /./],
    [['list', '--', 'x'], /^Unexpected argument 'x'\.$/, /./],
    [['completion'], /^`sso-tui completion` needs bash, zsh or fish\.$/, undefined],
    [['completion', 'tcsh'], /takes bash, zsh or fish, not 'tcsh'/, undefined],
    [['login', '--callback-port', '70000'], /--callback-port must be a port number/, undefined],
    [['login', '--callback-port', 'abc'], /--callback-port must be a port number/, undefined],
    [['login', '--start-url', 'not a url'], /--start-url must be an AWS access portal URL/, undefined],
    [['login', '--start-url', 'http://example.com/start'], /--start-url must be/, undefined],
    [['login', '--region', 'Mars'], /--region must be an AWS region/, undefined],
    [
      ['env', '--account', 'a', '--role', 'r', '--shell', 'zhs'],
      /--shell must be one of/,
      /^Did you mean zsh\?$/,
    ],
    [['list', '--sso-session', ' '], /^--sso-session needs a value/, undefined],
  ])('refuses %j with one sentence and a hint', (argv, message, hint) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    if (hint) expect((error as UsageError).hint).toMatch(hint);
    else expect((error as UsageError).hint).toBeUndefined();
  });
});

describe('help', () => {
  it('shows every command of the table and every global flag', () => {
    const help = globalHelp();
    for (const command of COMMANDS) expect(help).toContain(`sso-tui ${command}`);
    for (const flag of GLOBAL_FLAGS) expect(help).toContain(`--${flag}`);
  });

  it.each(COMMANDS)('shows each flag of %s in its own help', (command) => {
    const help = commandHelp(command);
    expect(help).toMatch(new RegExp(`^Usage: sso-tui ${command}`));
    for (const { name } of COMMAND_TABLE[command].flags) {
      expect(help).toContain(`--${name}`);
      expect(FLAGS[name].summary.length).toBeGreaterThan(0);
    }
  });
});
