import { startSimulator, type Simulator } from '../source/simulator/index.js';
import { residentMemory, startOnScreen, timeToExit } from './screenRun.js';
import { median } from './stats.js';
import { createWarmHome } from './warmHome.js';

export interface WarmStart {
  readonly accounts: number;
  /** Median over the runs: spawn to the first screen showing the full count and the first account. */
  readonly warmMs: number;
  /** Median over the same runs, interleaved: `node -e 0` in the same pseudo-terminal set-up. */
  readonly bareNodeMs: number;
  readonly ratio: number;
  /** Median of `sso-tui --version`: loading the bundle without drawing anything, to tell the two apart. */
  readonly versionMs: number;
  readonly runs: number;
}

export interface MemoryAtScale {
  readonly accounts: number;
  /** Spawn to the filled list, one run. */
  readonly warmMs: number;
  /** As soon as the list is drawn. */
  readonly filledResidentMb: number;
  /** After the list is drawn and two queries have been typed and answered. */
  readonly residentMb: number;
  /** The most the process was resident at any point (VmHWM). */
  readonly peakMb: number;
}

const RUNS = 5;
/**
 * While measuring, the simulator answers the background refresh after this long, so what fills the list
 * can only be the cached lists.
 */
const REFRESH_HELD_MS = 10_000;

/** `2,500 / 2,500` and the first account: the list is drawn from the cache. */
function filledList(simulator: Simulator): (screen: string) => boolean {
  const count = simulator.organization.accounts.length.toLocaleString('en-US');
  const first = simulator.organization.accounts[0]!.accountName;
  return (screen) => screen.includes(`${count} / ${count}`) && screen.includes(first);
}

/** Warm start (cached token and lists) of the built program beside a bare Node start, alternated. */
export async function measureWarmStart(cli: string, accounts: number): Promise<WarmStart> {
  const simulator = await startSimulator({ accounts, seed: 1 });
  const home = await createWarmHome(simulator);
  simulator.faults.latencyMs = REFRESH_HELD_MS;
  const warm: number[] = [];
  const bare: number[] = [];
  const version: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timeToExit(process.execPath, ['-e', '0'], home.env));
      version.push(await timeToExit(process.execPath, [cli, '--version'], home.env));
      // `BENCH_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` profiles each start.
      const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
      const started = await startOnScreen(process.execPath, [...flags, cli], home.env, filledList(simulator));
      warm.push(started.elapsedMs);
      await started.stop();
    }
  } finally {
    await simulator.close();
    await home.remove();
  }
  const warmMs = median(warm);
  const bareNodeMs = median(bare);
  return {
    accounts,
    warmMs,
    bareNodeMs,
    ratio: warmMs / bareNodeMs,
    versionMs: median(version),
    runs: RUNS,
  };
}

/** Resident memory of the program showing a big organization, after typing two queries into its search. */
export async function measureMemory(cli: string, accounts: number): Promise<MemoryAtScale> {
  const simulator = await startSimulator({ accounts, seed: 1 });
  const home = await createWarmHome(simulator);
  simulator.faults.latencyMs = REFRESH_HELD_MS;
  const total = accounts.toLocaleString('en-US');
  const counted = (query: string) => (screen: string) => {
    const count = new RegExp(`([\\d,]+) / ${total}`).exec(screen)?.[1];
    return screen.includes(`› ${query}`) && count !== undefined && count !== total;
  };
  try {
    const started = await startOnScreen(process.execPath, [cli], home.env, filledList(simulator));
    try {
      const filled = residentMemory(started.pid);
      await started.type('pay', counted('pay'));
      await started.type('ments prod', counted('payments prod'));
      const memory = residentMemory(started.pid);
      if (!memory || !filled) {
        throw new Error('Resident memory is read from /proc, which this system does not have.');
      }
      return { accounts, warmMs: started.elapsedMs, filledResidentMb: filled.residentMb, ...memory };
    } finally {
      await started.stop();
    }
  } finally {
    await simulator.close();
    await home.remove();
  }
}
