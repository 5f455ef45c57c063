import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStage, type CliStage } from '../support/cliStage.js';

let stage: CliStage;
beforeAll(async () => {
  stage = await startCliStage({ accounts: 20, seed: 11 });
  await stage.writeAwsCliToken();
});
afterAll(async () => {
  await stage.close();
});

/** One line on stderr, nothing on stdout, and the exit code. */
async function refusal(argv: readonly string[]): Promise<{ code: number; line: string }> {
  const result = await stage.run(argv);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return { code: result.code, line: lines[0]! };
}

describe('command-line errors', () => {
  it.each([
    [['lst'], "sso-tui: Unknown command 'lst'. Did you mean `sso-tui list`?"],
    [['export', '--acount', 'x'], "sso-tui: Unknown option '--acount'. Did you mean --account?"],
    [['list', '--rols'], "sso-tui: Unknown option '--rols'. Did you mean --roles?"],
    [
      ['export', '--account', 'a', '--role'],
      'sso-tui: --role needs a value: a role name. See `sso-tui export --help`.',
    ],
  ])('%j: one line with the closest match, exit 2', async (argv, line) => {
    expect(await refusal(argv)).toEqual({ code: 2, line });
  });

  it('lists the closest account names for a mistyped one', async () => {
    const account = stage.simulator.organization.accounts.find(
      (candidate) => candidate.accountName.length > 8,
    )!;
    const typo = account.accountName.slice(0, 3) + account.accountName.slice(4);
    const { code, line } = await refusal(['env', '--account', typo, '--role', 'ReadOnlyAccess']);
    expect(code).toBe(1);
    expect(line).toContain(`No account '${typo}' is assigned to you. Did you mean `);
    expect(line).toContain(`${account.accountName} (${account.accountId})`);
  });

  it('names an account given by id once, not as its own name', async () => {
    const account = stage.simulator.organization.accounts[0]!;
    const { code, line } = await refusal(['env', '--account', account.accountId, '--role', 'Nope']);
    expect(code).toBe(1);
    expect(line).toContain(`You have no role 'Nope' in account ${account.accountId}.`);
    expect(line).not.toContain(`(${account.accountId})`);
  });

  it('accepts --shell zsh and writes sh syntax', async () => {
    const account = stage.simulator.organization.accounts[0]!;
    const result = await stage.run([
      'env',
      '--account',
      account.accountId,
      '--role',
      account.roles[0]!,
      '--shell',
      'zsh',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='/m);
  });

  it('prints the help of one command from the table', async () => {
    const result = await stage.run(['exec', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Usage: sso-tui exec --account A --role R [--aws-region REGION] -- CMD [ARGS…]',
    );
  });
});
