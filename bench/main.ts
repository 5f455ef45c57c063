import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureBigFiles, type BigFiles } from './bigFiles.js';
import { measureCachedCredentialProcess, type CachedCredentialProcess } from './credentialProcess.js';
import { measureColdListing, measureRoleListing, type ColdListing, type RoleListing } from './listing.js';
import { measureSearch, type SearchLatency } from './searchLatency.js';
import { measureMemory, measureWarmStart, type MemoryAtScale, type WarmStart } from './startup.js';
import { collectGarbage, type Summary } from './stats.js';
import { measureTyping, type TypingRun } from './typing.js';

interface Results {
  readonly machine: { node: string; cpus: number; loadBefore: number[] };
  search?: SearchLatency[];
  warmStart?: WarmStart;
  credentialProcess?: CachedCredentialProcess;
  coldListing?: ColdListing;
  roles?: RoleListing;
  memory?: MemoryAtScale;
  typing?: TypingRun[];
  files?: BigFiles;
}

type Measure = 'search' | 'warm' | 'credentials' | 'cold' | 'roles' | 'memory' | 'typing' | 'files';

const SEARCH_SIZES = [1_000, 10_000, 100_000];
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (measure: Measure): boolean => !only || only.includes(measure);
const numbers = (name: string, fallback: readonly number[]): number[] => {
  const given = args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  return given ? given.split(',').map(Number) : [...fallback];
};
/** Organization sizes of the typing measure, and how long it types on at 100,000 to see memory grow. */
const TYPING_SIZES = numbers('typing-sizes', [1_000, 10_000, 100_000, 300_000]);
const LEAK_MINUTES = numbers('leak-minutes', [10])[0]!;
const LEAK_SIZE = 100_000;

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
if (wanted('files')) {
  progress('the same edits on a small config and on one of 10,000 profiles…');
  results.files = await measureBigFiles(cli, 10_000);
}
if (wanted('roles')) {
  progress('roles of 1,000 accounts behind 20 calls/s (about a minute)…');
  results.roles = await measureRoleListing(1_000);
}

if (wanted('typing')) {
  results.typing = [];
  for (const size of TYPING_SIZES) {
    const leakMinutes = size === LEAK_SIZE ? LEAK_MINUTES : 0;
    progress(
      `typing over ${count(size)} accounts while role lists arrive` +
        (leakMinutes ? `, then on for ${leakMinutes} minutes…` : '…'),
    );
    results.typing.push(await measureTyping(cli, process.execPath, size, leakMinutes));
  }
}

process.stdout.write(json ? `${JSON.stringify(results)}\n` : table(results) + typingTable(results.typing));

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
      '≤ 4×',
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
  for (const edit of measured.files?.edits ?? []) {
    const files = measured.files as BigFiles;
    rows.push([
      `${edit.edit} into a config of ${count(files.profiles)} profiles (${files.bigFileMb.toFixed(1)} MB)`,
      `${ms(edit.bigMs)} vs ${ms(edit.smallMs)} on a small one = ${edit.ratio.toFixed(2)}× ` +
        `(median of ${files.runs}); peak ${mb(edit.bigPeakMb)} vs ${mb(edit.smallPeakMb)}`,
      '≤ 1.5×',
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

function typingTable(runs: readonly TypingRun[] | undefined): string {
  if (!runs?.length) return '';
  const lines = [
    '',
    'Typing in the full screen (pty, rate limit 20 calls/s, role lists arriving; targets at 100,000: echo p50 ≤ 16 ms, p95 ≤ 33 ms; rows p95 ≤ 50 ms; ≤ 200 MB)',
    '',
    '| accounts | key → typed text on screen | key → ranked rows | resident memory: drawn · listed again · after typing · peak |',
    '| --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    const { drawnMb, listedMb, typedMb, peakMb } = run.memory;
    lines.push(
      `| ${count(run.accounts)} | ${percentiles(run.echo)} | ${percentiles(run.ranked)}` +
        `${run.superseded ? ` (${run.superseded} of ${run.keystrokes} superseded)` : ''} | ` +
        `${mb(drawnMb)} · ${mb(listedMb)} · ${mb(typedMb)} · ${mb(peakMb)} |`,
    );
  }
  for (const run of runs) {
    const leak = run.leak;
    if (!leak) continue;
    lines.push(
      '',
      `Typing on for ${leak.minutes} minutes at ${count(run.accounts)} accounts (${leak.keystrokes} keys): ` +
        `echo ${percentiles(leak.echo)}; rows ${percentiles(leak.ranked)}` +
        `${leak.superseded ? ` (${leak.superseded} superseded)` : ''}; resident ${mb(leak.earlyMb)} in minute 2, ` +
        `${mb(leak.lateMb)} in the last minute, peak ${mb(leak.peakMb)}`,
      '',
      plot(
        leak.samples.map(([minute, residentMb]) => [minute, residentMb]),
        'minutes',
        'MB',
      ),
    );
  }
  lines.push('', 'p95 per keystroke against organization size (█ rows, ▒ typed text; ms, log scale):', '');
  lines.push(...sizePlot(runs));
  return `${lines.join('\n')}\n`;
}

function percentiles({ p50, p95, max }: Summary): string {
  return `p50 ${latency(p50)} · p95 ${latency(p95)} · max ${latency(max)}`;
}

/** A latency, or a dash for a key whose rows were never drawn. */
function latency(value: number): string {
  return Number.isFinite(value) ? ms(value) : '—';
}

/** One bar per organization size: the p95 of the rows and of the typed text, on a log scale up to 1 s. */
function sizePlot(runs: readonly TypingRun[]): string[] {
  const width = 50;
  const bar = (value: number): number =>
    Number.isFinite(value) ? Math.max(1, Math.round((Math.log10(Math.max(1, value)) / 3) * width)) : width;
  return runs.flatMap((run) => {
    const label = count(run.accounts).padStart(8);
    return [
      `${label} █${'█'.repeat(bar(run.ranked.p95) - 1)} ${latency(run.ranked.p95)}`,
      `${' '.repeat(8)} ▒${'▒'.repeat(bar(run.echo.p95) - 1)} ${latency(run.echo.p95)}`,
    ];
  });
}

/** Samples as a small column chart, eight rows high. */
function plot(samples: readonly (readonly [number, number])[], xUnit: string, yUnit: string): string {
  if (samples.length === 0) return '';
  const values = samples.map(([, value]) => value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const height = 8;
  const levels = values.map((value) =>
    high === low ? height : Math.max(1, Math.round(((value - low) / (high - low)) * height)),
  );
  const rows: string[] = [];
  for (let level = height; level >= 1; level--) {
    const axis =
      level === height
        ? `${Math.round(high)} ${yUnit}`.padStart(8)
        : level === 1
          ? `${Math.round(low)} ${yUnit}`.padStart(8)
          : ' '.repeat(8);
    rows.push(`${axis} │${levels.map((at) => (at >= level ? '█' : ' ')).join('')}`);
  }
  const last = samples.at(-1)![0];
  rows.push(`${' '.repeat(8)} └${'─'.repeat(values.length)} 0–${last.toFixed(0)} ${xUnit}`);
  return rows.join('\n');
}
