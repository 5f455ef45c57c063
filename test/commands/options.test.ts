import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../source/commands/options.js';
import { UsageError } from '../../source/services/errors.js';

describe('command line', () => {
  it('reads a subcommand with its options and the global ones', () => {
    const options = parseCommandLine([
      'list',
      '--roles',
      '--json',
      '--sso-session',
      'corp',
      '--callback-port',
      '8400',
    ]);
    expect(options).toMatchObject({
      command: 'list',
      roles: true,
      json: true,
      ssoSession: 'corp',
      callbackPort: 8400,
      noBrowser: false,
    });
  });

  it('reads --no-browser and --device-code for login', () => {
    expect(parseCommandLine(['login', '--no-browser', '--device-code'])).toMatchObject({
      command: 'login',
      noBrowser: true,
      deviceCode: true,
    });
  });

  it.each([
    [['frobnicate'], /Unknown command 'frobnicate'/],
    [['list', '--bogus'], /Unknown option '--bogus'/],
    [['login', '--roles'], /--roles does not apply to `sso-tui login`/],
    [['list', 'extra'], /Unexpected argument 'extra'/],
    [['login', '--callback-port', '70000'], /--callback-port must be a port number/],
    [['login', '--callback-port', 'abc'], /--callback-port must be a port number/],
    [['login', '--start-url', 'not a url'], /--start-url must be a URL/],
    [['login', '--region', 'Mars'], /--region must be an AWS region/],
    [['env', '--shell', 'zsh'], /--shell must be sh, fish or powershell/],
    [['list', '--sso-session', ' '], /--sso-session needs a value/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
