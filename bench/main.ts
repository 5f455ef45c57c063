import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureCachedCredentialProcess, type CachedCredentialProcess } from './credentialProcess.js';
import { measureColdListing, measureRoleListing, type ColdListing, type RoleListing } from './listing.js';
import { measureSearch, type SearchLatency } from './searchLatency.js';
import { measureMemory, measureWarmStart, type MemoryAtScale, type WarmStart } from './startup.js';
import { collectGarbage } from './stats.js';

interface Results {
  readonly machine: { node: string; cpus: number; loadBefore: number[] };
  search?: SearchLatency[];
  warmStart?: WarmStart;
  credentialProcess?: CachedCredentialProcess;
  coldListing?: ColdListing;
  roles?: RoleListing;
  memory?: MemoryAtScale;
}

type Measure = 'search' | 'warm' | 'credentials' | 'cold' | 'roles' | 'memory';

const SEARCH_SIZES = [1_000, 10_000, 100_000];
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (measure: Measure): boolean => !only || only.includes(measure);

const results: Results = {
  machine: { node: process.version, cpus: cpus().length, loadBefore: loadavg().map(round1) },
};
const progress = (text: string): void => {
  if (!json) process.stderr.write(`${text}\n`);
};

if (wanted('search')) {
  results.search = [];
  for (const size of SEARCH_SIZES) {
    progress(`search over ${size.toLocaleString('en-US')} accounts…`);
    results.search.push(measureSearch(size));
    collectGarbage();
  }
}
if (wanted('warm')) {
  progress('warm start in a pseudo-terminal…');
  results.warmStart = await measureWarmStart(cli, 2_500);
}
if (wanted('credentials')) {
  progress('credential-process from its cache…');
  results.credentialProcess = await measureCachedCredentialProcess(cli);
}
if (wanted('cold')) {
  progress('cold listing…');
  results.coldListing = await measureColdListing(cli, 2_000);
}
if (wanted('memory')) {
  progress('memory at 100,000 accounts…');
  results.memory = await measureMemory(cli, 100_000);
}
if (wanted('roles')) {
  progress('roles of 1,000 accounts behind 20 calls/s (about a minute)…');
  results.roles = await measureRoleListing(1_000);
}

process.stdout.write(json ? `${JSON.stringify(results)}\n` : table(results));

function table(measured: Results): string {
  const rows: [string, string, string][] = [];
  for (const search of measured.search ?? []) {
    const target =
      search.accounts === 10_000 ? 'p95 ≤ 8 ms' : search.accounts === 100_000 ? 'p95 ≤ 50 ms' : '';
    const { p50, p95, max } = search.latency;
    rows.push([
      `search, ${count(search.accounts)} accounts (${search.keystrokes} keystrokes)`,
      `p50 ${ms(p50)} · p95 ${ms(p95)} · max ${ms(max)} (index ${ms(search.indexBuildMs)})`,
      target,
    ]);
  }
  const warm = measured.warmStart;
  if (warm) {
    rows.push([
      `warm start to a filled list, ${count(warm.accounts)} accounts`,
      `${ms(warm.warmMs)} vs node -e 0 ${ms(warm.bareNodeMs)} = ${warm.ratio.toFixed(1)}× ` +
        `(median of ${warm.runs}; \`--version\` ${ms(warm.versionMs)})`,
      '≤ 6×',
    ]);
  }
  const credentials = measured.credentialProcess;
  if (credentials) {
    rows.push([
      'credential-process answered from its cache',
      `${ms(credentials.cachedMs)} vs node -e 0 ${ms(credentials.bareNodeMs)} = ` +
        `${credentials.ratio.toFixed(1)}× (median of ${credentials.runs})`,
      '≤ 2×',
    ]);
  }
  const cold = measured.coldListing;
  if (cold) {
    rows.push([
      `cold listing, ${count(cold.accounts)} accounts, ${cold.latencyMs} ms per call`,
      `${ms(cold.elapsedMs)} through the portal client (${cold.pages} pages); all on screen ` +
        `${ms(cold.onScreenMs)} after the program started`,
      '≤ 2 s',
    ]);
  }
  const roles = measured.roles;
  if (roles) {
    rows.push([
      `roles of ${count(roles.accounts)} accounts, ${roles.latencyMs} ms per call, ${roles.limitPerSecond} calls/s`,
      `${seconds(roles.elapsedMs)} = ${roles.ratio.toFixed(2)}× the ${seconds(roles.floorMs)} floor ` +
        `(${roles.pages} pages + ${roles.roleCalls} calls, ${roles.throttled} throttled)`,
      'near the limit',
    ]);
  }
  const memory = measured.memory;
  if (memory) {
    rows.push([
      `memory, ${count(memory.accounts)} accounts`,
      `${mb(memory.residentMb)} resident after two searches, ${mb(memory.filledResidentMb)} when the list ` +
        `was drawn (in ${ms(memory.warmMs)}), peak ${mb(memory.peakMb)}`,
      '≤ 200 MB',
    ]);
  }
  const machine = measured.machine;
  return [
    `Node ${machine.node}, ${machine.cpus} CPUs, load average before ${machine.loadBefore.join(' ')}`,
    '',
    '| figure | measured | target |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function mb(value: number): string {
  return `${Math.round(value)} MB`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
