import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terminalText } from '../../source/services/terminalText.js';
import { HOSTILE_PAYLOADS, hostileOrganization } from '../../source/simulator/index.js';
import { startCliStage, STAND_IN_BROWSER, type CliStage, type RunResult } from '../support/cliStage.js';

const BUNDLE = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Every control and format character (what SPEC §10 names, and more) left raw in `text`, line breaks aside. */
function rawControls(text: string): string[] {
  return [...text.replaceAll('\n', '').matchAll(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu)].map((match) =>
    JSON.stringify(match[0]),
  );
}

/** The built program, as users run it, on pipes (no terminal, so no styling of its own either). */
function runBundle(stage: CliStage, argv: readonly string[], env: Record<string, string> = {}) {
  return new Promise<RunResult>((resolve) => {
    execFile(
      process.execPath,
      [BUNDLE, ...argv],
      { env: { ...stage.env, ...env }, cwd: stage.home, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let stage: CliStage;
beforeEach(async () => {
  if (!existsSync(BUNDLE)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  stage = await startCliStage({ organization: hostileOrganization() });
  await stage.writeAwsCliToken();
});
afterEach(async () => {
  await stage.close();
});

const hostileAccounts = () =>
  stage.simulator.organization.accounts.filter((a) => a.accountId.startsWith('9'));

describe('hostile names from the portal, through the built program', () => {
  it('list shows every name with its controls as visible escapes, one row per account', async () => {
    const result = await runBundle(stage, ['list']);
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    expect(rawControls(result.stderr)).toEqual([]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(stage.simulator.organization.accounts.length + 1);
    for (const account of hostileAccounts()) {
      const row = lines.find((line) => line.startsWith(account.accountId));
      expect(row).toContain(terminalText(account.accountName));
      expect(row).toContain(terminalText(account.emailAddress));
    }
    expect(result.stdout).toContain('clipboard-\\x1b]52;c;aGFja2Vk\\x07');
    expect(result.stdout).toContain('bidi-\\u202eedoc');
  });

  it('list --roles does the same for role names', async () => {
    const result = await runBundle(stage, ['list', '--roles']);
    expect(result.code).toBe(0);
    expect(rawControls(result.stdout)).toEqual([]);
    const pairs = stage.simulator.organization.accounts.reduce((sum, a) => sum + a.roles.length, 0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(pairs + 1);
    expect(result.stdout).toContain(`Admin${terminalText(HOSTILE_PAYLOADS.c1)}`);
  });

  it('list --json escapes every control with \\u and still parses to the names as served', async () => {
    for (const argv of [
      ['list', '--json'],
      ['list', '--roles', '--json'],
    ]) {
      const result = await runBundle(stage, argv);
      expect(result.code).toBe(0);
      expect(rawControls(result.stdout)).toEqual([]);
      const parsed = JSON.parse(result.stdout) as { accountName: string; roleName?: string }[];
      const served = stage.simulator.organization.accounts;
      expect(new Set(parsed.map((row) => row.accountName))).toEqual(
        new Set(served.map((a) => a.accountName)),
      );
      if (argv.includes('--roles')) {
        expect(new Set(parsed.map((row) => row.roleName))).toEqual(new Set(served.flatMap((a) => a.roles)));
      }
    }
    const { stdout } = await runBundle(stage, ['list', '--json']);
    expect(stdout).toContain('\\u009b2J');
    expect(stdout).toContain('\\u202e');
  });

  it('errors that list candidates, roles and the argument typed show them escaped, on one line', async () => {
    const [first] = hostileAccounts();
    const cases = [
      ['env', '--account', 'clipboard', '--role', 'ReadOnlyAccess'],
      ['env', '--account', first!.accountId, '--role', 'Nope'],
      ['env', '--account', `nope${HOSTILE_PAYLOADS.title}`, '--role', 'ReadOnlyAccess'],
      ['env', '--account', first!.accountId, '--role', `Nope${HOSTILE_PAYLOADS.clear}`],
      [`li${HOSTILE_PAYLOADS.clipboard}st`],
      ['list', `--js${HOSTILE_PAYLOADS.rows}on`],
    ];
    for (const argv of cases) {
      const result = await runBundle(stage, argv);
      expect(result.code, argv.join(' ')).toBeGreaterThan(0);
      expect(rawControls(result.stderr), argv.join(' ')).toEqual([]);
      expect(result.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
    const roles = await runBundle(stage, cases[1]!);
    expect(roles.stderr).toContain(`Admin${terminalText(HOSTILE_PAYLOADS.clipboard)}`);
    const candidates = await runBundle(stage, cases[0]!);
    expect(candidates.stderr).toContain(terminalText(first!.accountName));
  });

  it("a service's refusal message is shown escaped", async () => {
    stage.simulator.faults.hostileRefusals = true;
    const [first] = hostileAccounts();
    const result = await runBundle(stage, ['env', '--account', first!.accountId, '--role', 'ReadOnlyAccess']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Identity Center refused the request: Refused\\x1b]52;c;');
    expect(rawControls(result.stderr)).toEqual([]);
  });

  it('credentials with control characters are refused, not printed into shell lines', async () => {
    stage.simulator.faults.hostileCredentials = true;
    const [first] = hostileAccounts();
    for (const command of ['env', 'credential-process']) {
      const result = await runBundle(stage, [
        command,
        '--account',
        first!.accountId,
        '--role',
        'ReadOnlyAccess',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/credentials with control characters/);
      expect(rawControls(result.stderr)).toEqual([]);
    }
  });
});

describe('the device-code verification URI, through the built program', () => {
  /** A BROWSER that notes every URL it is given, then follows it as the stand-in browser does. */
  async function recordingBrowser(): Promise<{ env: Record<string, string>; opened: () => Promise<string> }> {
    const marker = join(stage.home, 'opened.txt');
    const script = join(stage.home, 'recordingBrowser.mjs');
    await writeFile(
      script,
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, process.argv.at(-1) + '\\n');\nawait import(${JSON.stringify(new URL(`file://${STAND_IN_BROWSER}`).href)});\n`,
    );
    return {
      env: { BROWSER: `${process.execPath} ${script}` },
      opened: () => readFile(marker, 'utf8').catch(() => ''),
    };
  }

  it('opens and prints the simulator’s loopback http: address', async () => {
    const browser = await recordingBrowser();
    const result = await runBundle(stage, ['login', '--device-code'], browser.env);
    expect(result.code).toBe(0);
    expect(await browser.opened()).toContain(`${stage.simulator.url}/device?user_code=`);
    expect(result.stderr).toContain(`${stage.simulator.url}/device`);
  });

  it('refuses any other http: address, and other schemes, before opening or printing it', async () => {
    for (const uri of ['http://evil.example/device', 'javascript:alert(1)//', 'https://aws@evil.example/']) {
      stage.simulator.faults.verificationUri = uri;
      const browser = await recordingBrowser();
      const result = await runBundle(stage, ['login', '--device-code'], browser.env);
      expect(result.code, uri).toBe(1);
      expect(result.stderr).toMatch(
        /^sso-tui: Identity Center answered with a sign-in address that is not an https: URL/,
      );
      expect(result.stderr).not.toContain('evil');
      expect(result.stderr).not.toContain('javascript');
      expect(await browser.opened()).toBe('');
    }
  });
});
