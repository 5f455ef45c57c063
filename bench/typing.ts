import { writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { createAccountSearch } from '../source/services/search/accountSearch.js';
import { startSimulator, type Simulator } from '../source/simulator/index.js';
import { residentMemory, startOnScreen, type ScreenRun, type Terminal } from './screenRun.js';
import { organizationLists } from './searchLatency.js';
import { summarize, type Summary } from './stats.js';
import { typingScript, type Keystroke } from './typingScript.js';
import { createWarmHome } from './warmHome.js';

/** What the program shows after a key: the typed text, the rows of which query, how much memory. */
export interface TypingRun {
  readonly accounts: number;
  /** Keystrokes timed: every key of every pass over the script. */
  readonly keystrokes: number;
  /** Key to the typed text on screen. */
  readonly echo: Summary;
  /**
   * Key to the rows ranked for the text typed with it. A key whose rows a later key replaced before they
   * were drawn counts as never drawn (Infinity): skipping stale rankings must not flatter the figure.
   */
  readonly ranked: Summary;
  /** Keys whose rows were never drawn because a later key's came first. */
  readonly superseded: number;
  /** Resident memory (VmRSS of the program's process), in MB. */
  readonly memory: {
    /** The list drawn from the cached lists (every role list known). */
    readonly drawnMb: number;
    /** The background refresh has listed every account again and role lists started arriving. */
    readonly listedMb: number;
    /** After one pass over the typing script with role lists arriving. */
    readonly typedMb: number;
    /** The most the process was resident at any point (VmHWM). */
    readonly peakMb: number;
  };
  /** Spawn to the list drawn from the cache. */
  readonly drawnMs: number;
  /** Spawn to the role lists arriving (the refresh of the account list done). */
  readonly rolesArrivingMs: number;
  /** Whether role lists were still arriving when the typing ended (they take N / 20 s). */
  readonly rolesStillArriving: boolean;
  /** With a leak check: resident memory sampled while typing on, and the latencies over the whole time. */
  readonly leak?: LeakCheck;
}

export interface LeakCheck {
  readonly minutes: number;
  readonly keystrokes: number;
  readonly echo: Summary;
  readonly ranked: Summary;
  readonly superseded: number;
  /** [minutes since the typing started, MB], every LEAK_SAMPLE_MS. */
  readonly samples: readonly (readonly [number, number])[];
  /** Median of the samples in the second minute, and in the last minute. */
  readonly earlyMb: number;
  readonly lateMb: number;
  readonly peakMb: number;
}

const LATENCY_MS = 50;
/** The service's documented limit, which the simulator enforces with 429s. */
const LIMIT_PER_SECOND = 20;
/** Rows compared with what the program should show: the count and this many rows from the top. */
const ROWS_COMPARED = 5;
/** A typist waits this long at most for the rows before reading on regardless. */
const READ_WAIT_MS = 10_000;
const LEAK_SAMPLE_MS = 15_000;
const PLACEHOLDER = 'type to search accounts and roles';

interface Expected {
  readonly count: number;
  readonly ids: readonly string[];
}

interface Shown {
  readonly query: string | undefined;
  readonly count: number | undefined;
  readonly ids: readonly string[];
}

interface Timed {
  readonly query: string;
  readonly sentAt: number;
  echoAt?: number;
  rankedAt?: number;
  superseded?: boolean;
}

/**
 * The built program in a pseudo-terminal with `size` accounts behind the rate limit, as a user of a large
 * organization lives it: a start from the cached lists (every role list known), the background refresh
 * listing every account again, then role lists arriving while the typing script is typed with 60–120 ms
 * between keys. With `leakMinutes`, the script is typed on, round after round, for that long.
 */
export async function measureTyping(
  cli: string,
  node: string,
  size: number,
  leakMinutes = 0,
): Promise<TypingRun> {
  const simulator = await startSimulator({ accounts: size, seed: 1 });
  const home = await createWarmHome(simulator);
  simulator.faults.latencyMs = LATENCY_MS;
  simulator.faults.maxCallsPerSecond = LIMIT_PER_SECOND;
  const { accounts, roles } = organizationLists(size);
  const script = typingScript(accounts);
  const expected = expectedRows(accounts, roles, script);
  try {
    // `BENCH_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` profiles the program under measure.
    const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const run = await startOnScreen(node, [...flags, cli], home.env, filledList(simulator));
    try {
      return await typeInto(run, script, expected, size, leakMinutes);
    } finally {
      await run.stop();
    }
  } finally {
    await simulator.close();
    await home.remove();
  }
}

async function typeInto(
  run: ScreenRun,
  script: readonly Keystroke[],
  expected: ReadonlyMap<string, Expected>,
  size: number,
  leakMinutes: number,
): Promise<TypingRun> {
  const drawnMb = memoryOf(run.pid).residentMb;
  const started = performance.now() - run.elapsedMs;
  // The refresh lists size / 100 pages at 20 calls/s before the first role list comes.
  await run.waitFor((screen) => screen.includes('↻ roles'), (size / 100 / LIMIT_PER_SECOND) * 4_000 + 60_000);
  const rolesArrivingMs = performance.now() - started;
  const listedMb = memoryOf(run.pid).residentMb;

  const timed: Timed[] = [];
  let rolesArriving = true;
  const stopWatching = run.watch((terminal) => {
    const now = performance.now();
    const shown = readScreen(terminal);
    rolesArriving = screenHas(terminal, '↻ roles');
    settle(timed, shown, expected, now);
  });
  try {
    await typePass(run, script, timed);
    const firstPass = timed.length;
    const typedMb = memoryOf(run.pid).residentMb;
    let leak: LeakCheck | undefined;
    if (leakMinutes > 0) {
      const samples: [number, number][] = [];
      const leakStart = performance.now();
      const sampler = setInterval(() => {
        samples.push([(performance.now() - leakStart) / 60_000, memoryOf(run.pid).residentMb]);
      }, LEAK_SAMPLE_MS);
      try {
        while (performance.now() - leakStart < leakMinutes * 60_000) await typePass(run, script, timed);
      } finally {
        clearInterval(sampler);
      }
      const inMinute = (from: number, to: number): number[] =>
        samples.filter(([minute]) => minute >= from && minute < to).map(([, mb]) => mb);
      const leakTimed = timed.slice(firstPass);
      leak = {
        minutes: leakMinutes,
        ...latencies(leakTimed),
        samples: samples.map(([minute, mb]) => [round2(minute), Math.round(mb)] as const),
        earlyMb: summarize(inMinute(1, 2)).p50,
        lateMb: summarize(inMinute(leakMinutes - 1, leakMinutes + 1)).p50,
        peakMb: Math.max(...samples.map(([, mb]) => mb)),
      };
    }
    const firstTimed = timed.slice(0, firstPass);
    // `BENCH_TYPING_KEYS=file.json` keeps each key's timings, to tell the slow keys apart.
    if (process.env.BENCH_TYPING_KEYS) await writeFile(process.env.BENCH_TYPING_KEYS, keyLog(firstTimed));
    return {
      accounts: size,
      ...latencies(firstTimed),
      memory: { drawnMb, listedMb, typedMb, peakMb: memoryOf(run.pid).peakMb },
      drawnMs: run.elapsedMs,
      rolesArrivingMs,
      rolesStillArriving: rolesArriving,
      ...(leak ? { leak } : {}),
    };
  } finally {
    stopWatching();
  }
}

/** Types the script once: each key after its gap; at the end of a phrase, waits for its rows to read them. */
async function typePass(run: ScreenRun, script: readonly Keystroke[], timed: Timed[]): Promise<void> {
  for (const keystroke of script) {
    const record: Timed = { query: keystroke.query, sentAt: performance.now() };
    timed.push(record);
    run.write(keystroke.keys);
    if (keystroke.reads)
      await until(() => record.rankedAt !== undefined || record.superseded === true, READ_WAIT_MS);
    await delay(keystroke.gapMs);
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await delay(5);
}

/**
 * Marks the keys the screen now answers. The typed text is on screen for a key once the query line shows
 * its text or a later key's; the rows are, once the screen shows its text with the rows that text ranks.
 */
function settle(timed: Timed[], shown: Shown, expected: ReadonlyMap<string, Expected>, now: number): void {
  if (shown.query === undefined) return;
  for (let newest = timed.length - 1; newest >= 0 && timed[newest]!.echoAt === undefined; newest--) {
    if (timed[newest]!.query !== shown.query) continue;
    for (let key = newest; key >= 0 && timed[key]!.echoAt === undefined; key--) timed[key]!.echoAt = now;
    break;
  }
  const rows = expected.get(shown.query);
  if (!rows || !sameRows(shown, rows)) return;
  for (let newest = timed.length - 1; newest >= 0 && !answered(timed[newest]!); newest--) {
    if (timed[newest]!.query !== shown.query) continue;
    timed[newest]!.rankedAt = now;
    for (let key = newest - 1; key >= 0 && !answered(timed[key]!); key--) timed[key]!.superseded = true;
    break;
  }
}

/** Per key: the query it made, when it was sent (ms since the first), and its echo and rows in ms. */
function keyLog(timed: readonly Timed[]): string {
  const first = timed[0]?.sentAt ?? 0;
  const round = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms * 10) / 10);
  return JSON.stringify(
    timed.map((record) => ({
      query: record.query,
      sentMs: round(record.sentAt - first),
      echoMs: round(record.echoAt === undefined ? undefined : record.echoAt - record.sentAt),
      rowsMs: round(record.rankedAt === undefined ? undefined : record.rankedAt - record.sentAt),
      ...(record.superseded ? { superseded: true } : {}),
    })),
  );
}

function answered(record: Timed): boolean {
  return record.rankedAt !== undefined || record.superseded === true;
}

function sameRows(shown: Shown, rows: Expected): boolean {
  return shown.count === rows.count && rows.ids.every((id, row) => shown.ids[row] === id);
}

function latencies(timed: readonly Timed[]): {
  keystrokes: number;
  echo: Summary;
  ranked: Summary;
  superseded: number;
} {
  return {
    keystrokes: timed.length,
    echo: summarize(timed.map((record) => (record.echoAt ?? Infinity) - record.sentAt)),
    ranked: summarize(timed.map((record) => (record.rankedAt ?? Infinity) - record.sentAt)),
    superseded: timed.filter((record) => record.superseded).length,
  };
}

/** The count and the top rows the program must show for each query of the script, every role list known. */
function expectedRows(
  accounts: ReturnType<typeof organizationLists>['accounts'],
  roles: ReturnType<typeof organizationLists>['roles'],
  script: readonly Keystroke[],
): Map<string, Expected> {
  const search = createAccountSearch(accounts, roles);
  const expected = new Map<string, Expected>();
  for (const { query } of script) {
    if (expected.has(query)) continue;
    const hits = query.trim() ? search.ranked(query) : accounts.map((account) => ({ row: { account } }));
    expected.set(query, {
      count: query.trim() ? hits.length : accounts.length,
      ids: hits.slice(0, ROWS_COMPARED).map((hit) => hit.row.account.accountId),
    });
  }
  return expected;
}

/**
 * The query line (the first starting with `›`, up to the inverse cursor cell), the count under it, and the
 * account id of each row below.
 */
function readScreen(terminal: Terminal): Shown {
  const buffer = terminal.buffer.active;
  let queryRow = -1;
  for (let row = 0; row < terminal.rows; row++) {
    const text = buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '';
    if (text.startsWith('› ')) {
      queryRow = row;
      break;
    }
  }
  if (queryRow < 0) return { query: undefined, count: undefined, ids: [] };
  const line = buffer.getLine(buffer.viewportY + queryRow)!;
  let cursor = 2;
  while (cursor < terminal.cols && !line.getCell(cursor)?.isInverse()) cursor++;
  const typed = line.translateToString(false, 2, cursor);
  const query = typed === PLACEHOLDER ? '' : typed;
  const countText = buffer.getLine(buffer.viewportY + queryRow + 1)?.translateToString(true) ?? '';
  const count = /^\s*([\d,]+) \/ [\d,]+/.exec(countText)?.[1];
  const ids: string[] = [];
  for (let row = queryRow + 2; row < terminal.rows && ids.length < ROWS_COMPARED; row++) {
    const id = /\b(\d{12})\b/.exec(
      buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
    )?.[1];
    if (id) ids.push(id);
  }
  return { query, count: count === undefined ? undefined : Number(count.replaceAll(',', '')), ids };
}

function screenHas(terminal: Terminal, text: string): boolean {
  const buffer = terminal.buffer.active;
  for (let row = 0; row < terminal.rows; row++) {
    if (
      buffer
        .getLine(buffer.viewportY + row)
        ?.translateToString(true)
        .includes(text)
    )
      return true;
  }
  return false;
}

function filledList(simulator: Simulator): (screen: string) => boolean {
  const count = simulator.organization.accounts.length.toLocaleString('en-US');
  const first = simulator.organization.accounts[0]!.accountName;
  return (screen) => screen.includes(`${count} / ${count}`) && screen.includes(first);
}

function memoryOf(pid: number): { residentMb: number; peakMb: number } {
  const memory = residentMemory(pid);
  if (!memory) throw new Error('Resident memory is read from /proc, which this system does not have.');
  return memory;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
