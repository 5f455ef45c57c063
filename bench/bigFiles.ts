import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulator } from '../source/simulator/index.js';
import { median } from './stats.js';
import { createWarmHome } from './warmHome.js';

export interface BigFileEdit {
  readonly edit: 'export' | 'populate' | 'prune';
  /** Medians over the runs, small and big interleaved: the whole command, start to exit. */
  readonly smallMs: number;
  readonly bigMs: number;
  readonly ratio: number;
  /** Peak resident memory of the command on the big file. */
  readonly bigPeakMb: number;
  readonly smallPeakMb: number;
}

export interface BigFiles {
  readonly profiles: number;
  readonly bigFileMb: number;
  readonly runs: number;
  readonly edits: readonly BigFileEdit[];
}

const RUNS = 5;
const ACCOUNTS = 20;

// Reports the process's own peak resident memory when it exits, into the file named by the environment.
const PEAK_REPORTER =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => writeFileSync(process.env.SSO_TUI_BENCH_PEAK, String(process.resourceUsage().maxRSS)));",
  );

/**
 * The same edit on a small config file and on one with `profiles` profiles (what populate writes for a
 * large organization), side by side in one run: `export --sso-profile --force`, `populate` adding the
 * organization's profiles, and `populate --prune` removing the ones whose accounts are gone.
 */
export async function measureBigFiles(cli: string, profiles: number): Promise<BigFiles> {
  const simulator = await startSimulator({ accounts: ACCOUNTS, seed: 7 });
  const home = await createWarmHome(simulator);
  const config = join(home.env.HOME as string, '.aws', 'config');
  const session = await readFile(config, 'utf8');
  const bulk = bigConfig(profiles);
  const account = simulator.organization.accounts[2]!;
  const peakFile = join(home.env.HOME as string, 'peak');
  const env = { ...home.env, SSO_TUI_BENCH_PEAK: peakFile };
  // The managed profiles of accounts that are gone: what prune removes.
  const gone = Array.from(
    { length: 20 },
    (_, index) =>
      `[profile gone-${index}]\nsso_session = bench\nsso_account_id = 9${String(index).padStart(11, '0')}\n` +
      `sso_role_name = Gone\nregion = eu-west-1\nsso_tui_managed = true\n`,
  ).join('\n');
  const cases = [
    {
      edit: 'export' as const,
      argv: [
        'export',
        '--account',
        account.accountId,
        '--role',
        account.roles[0]!,
        '--profile',
        'dev',
        '--sso-profile',
        '--force',
      ],
      before: (extra: string) => `${session}\n${extra}[profile dev]\nregion = us-east-1\n`,
    },
    { edit: 'populate' as const, argv: ['populate'], before: (extra: string) => `${session}\n${extra}` },
    {
      edit: 'prune' as const,
      argv: ['populate', '--prune'],
      before: (extra: string) => `${session}\n${extra}${gone}`,
    },
  ];
  const edits: BigFileEdit[] = [];
  try {
    // Lists and credentials cached, the organization's profiles written once: each measured run then
    // does the same work on either file.
    for (const { edit, argv, before } of cases) {
      const small: number[] = [];
      const big: number[] = [];
      const smallPeak: number[] = [];
      const bigPeak: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const [extra, times, peaks] of [
          ['', small, smallPeak],
          [bulk, big, bigPeak],
        ] as const) {
          await writeFile(config, before(extra));
          times.push(await timed(cli, argv, env));
          peaks.push(Number(await readFile(peakFile, 'utf8')) / 1024);
        }
      }
      const smallMs = median(small);
      const bigMs = median(big);
      edits.push({
        edit,
        smallMs,
        bigMs,
        ratio: bigMs / smallMs,
        bigPeakMb: median(bigPeak),
        smallPeakMb: median(smallPeak),
      });
    }
  } finally {
    await simulator.close();
    await home.remove();
  }
  return { profiles, bigFileMb: Buffer.byteLength(bulk) / 1e6, runs: RUNS, edits };
}

/** Profiles as populate writes them, for another session, with a hand-written one now and then. */
function bigConfig(profiles: number): string {
  const parts: string[] = [];
  for (let index = 0; index < profiles; index++) {
    const id = String(100000000000 + index);
    parts.push(
      index % 50 === 0
        ? `# added by hand\n[profile hand-${index}]\nregion = us-west-2\noutput = json\n`
        : `[profile acct-${index}.AdministratorAccess]\nsso_session = other\nsso_account_id = ${id}\n` +
            `sso_role_name = AdministratorAccess\nregion = eu-west-1\nsso_tui_managed = true\n`,
    );
  }
  return parts.join('\n') + '\n';
}

function timed(cli: string, argv: readonly string[], env: Record<string, string>): Promise<number> {
  // `BENCH_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` profiles each run.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, '--import', PEAK_REPORTER, cli, ...argv],
      { env, maxBuffer: 64 << 20 },
      (error, _out, stderr) => {
        if (error) reject(new Error(`sso-tui ${argv.join(' ')} failed: ${stderr}`));
        else resolve(performance.now() - started);
      },
    );
  });
}
