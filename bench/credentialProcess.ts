import { execFile } from 'node:child_process';
import { startSimulator } from '../source/simulator/index.js';
import { median } from './stats.js';
import { createWarmHome } from './warmHome.js';

export interface CachedCredentialProcess {
  /** Median over the runs: `credential-process` answered from its cache, as an SDK spawns it (no terminal). */
  readonly cachedMs: number;
  /** Median over the same runs, interleaved: `node -e 0` spawned the same way. */
  readonly bareNodeMs: number;
  readonly ratio: number;
  readonly runs: number;
}

const RUNS = 11;

/** `credential-process` for one role, its cache filled by a first call, beside a bare Node start. */
export async function measureCachedCredentialProcess(cli: string): Promise<CachedCredentialProcess> {
  const simulator = await startSimulator({ accounts: 20, seed: 1 });
  const home = await createWarmHome(simulator, { cachedLists: false });
  const account = simulator.organization.accounts[3]!;
  const args = [cli, 'credential-process', '--account', account.accountId, '--role', account.roles[0]!];
  const cached: number[] = [];
  const bare: number[] = [];
  try {
    await timed(args, home.env);
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timed(['-e', '0'], home.env));
      cached.push(await timed(args, home.env));
    }
    const fetches = simulator.stats.portalCalls.filter((call) => call.op === 'GetRoleCredentials').length;
    if (fetches !== 1)
      throw new Error(`credential-process fetched ${fetches} times; the cache did not answer.`);
  } finally {
    await simulator.close();
    await home.remove();
  }
  const cachedMs = median(cached);
  const bareNodeMs = median(bare);
  return { cachedMs, bareNodeMs, ratio: cachedMs / bareNodeMs, runs: RUNS };
}

/** Spawn to exit of `node ARGS`, which must succeed. */
function timed(args: readonly string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args], { env }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`node ${args.join(' ')} failed: ${stderr}`));
      else resolve(performance.now() - started);
    });
  });
}
