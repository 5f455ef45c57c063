import { loadSharedConfigFiles } from '@smithy/core/config';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AwsFileKind } from '../../source/services/awsFiles/sdkReadings.js';

// The two SDKs themselves, as oracles: what botocore (python3) and the AWS SDK for JavaScript read from
// files on disk. An entity is `profile dev`, `sso-session corp`, `services s` (or `other x`, botocore only).

export type Entities = Record<string, Record<string, string>>;
export type SdkReading =
  { readonly ok: true; readonly entities: Entities } | { readonly ok: false; readonly error: string };

const SCRIPT = fileURLToPath(new URL('./botocoreReadings.py', import.meta.url));

interface Reader {
  readonly child: ChildProcessWithoutNullStreams;
  /** Why botocore cannot be asked, or undefined once the reader said it is ready. */
  readonly missing: Promise<string | undefined>;
  /** Why it ended, once it has: a request then fails at once instead of waiting for no answer. */
  ended?: string;
  /** The requests sent and not yet answered, oldest first: the reader answers in order. */
  readonly waiting: Array<{ resolve: (readings: SdkReading[]) => void; reject: (error: Error) => void }>;
}

let reader: Reader | undefined;

/** Whether the reader keeps this process alive: only while a request waits for its answer. */
function keepAlive(child: ChildProcessWithoutNullStreams, alive: boolean): void {
  const pipes = [child.stdin, child.stdout, child.stderr] as unknown as Socket[];
  for (const handle of [child, ...pipes]) {
    if (alive) handle.ref();
    else handle.unref();
  }
}

/**
 * One python3 per copy of this module (vitest loads one per test file, or per worker when files share
 * one), started on the first need. It reads requests until its stdin ends, so it ends with this process
 * however that ends; it is also killed on exit.
 */
function startReader(): Reader {
  const child = spawn('python3', [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: Reader['waiting'] = [];
  const stderr: Buffer[] = [];
  let ready: (missing: string | undefined) => void = () => {};
  const started: Reader = {
    child,
    missing: new Promise((resolve) => (ready = resolve)),
    waiting,
  };
  const kill = (): void => {
    child.kill();
  };
  const fail = (why: string): void => {
    if (reader === started) reader = undefined;
    started.ended ??= why;
    process.off('exit', kill);
    ready(why);
    for (const request of waiting.splice(0)) request.reject(new Error(`botocore reader failed: ${why}`));
  };
  process.once('exit', kill);
  child.on('error', (error) => fail(`python3 could not be started (${error.message})`));
  child.on('close', (code, signal) => {
    const said = Buffer.concat(stderr).toString().trim();
    fail(`python3 ended (${signal ?? `exit ${code}`})${said === '' ? '' : `: ${said}`}`);
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // Writing to a reader that has ended: 'close' says why.
  child.stdin.on('error', () => {});
  let greeted = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (greeted) waiting.shift()?.resolve(JSON.parse(line) as SdkReading[]);
    else {
      greeted = true;
      const hello = JSON.parse(line) as { ready: boolean; error?: string };
      ready(hello.ready ? undefined : `python3 has no botocore (${hello.error})`);
    }
    if (waiting.length === 0) keepAlive(child, false);
  });
  reader = started;
  return started;
}

/**
 * Why botocore cannot be asked here (python3 or botocore missing), or undefined when it can. Test files
 * await it at the top, so their names can say a test is skipped and why; it starts the reader.
 */
export function whyBotocoreIsMissing(): Promise<string | undefined> {
  return (reader ?? startReader()).missing;
}

/** A test's name that says, when botocore is missing, that it is skipped and why. */
export function botocoreTitle(title: string, missing: string | undefined): string {
  return missing === undefined ? title : `${title}: skipped, ${missing}`;
}

/** botocore's reading of each file, in the order asked, from the one python3 of this test file. */
export async function readWithBotocore(
  files: ReadonlyArray<{ path: string; kind: AwsFileKind }>,
): Promise<SdkReading[]> {
  if (files.length === 0) return [];
  const current = reader ?? startReader();
  const why = (await current.missing) ?? current.ended;
  if (why !== undefined) throw new Error(`botocore reader failed: ${why}`);
  return new Promise((resolve, reject) => {
    current.waiting.push({ resolve, reject });
    keepAlive(current.child, true);
    current.child.stdin.write(`${JSON.stringify(files.map(({ path, kind }) => [path, kind]))}\n`);
  });
}

/** The AWS SDK for JavaScript's reading: `loadSharedConfigFiles`, the loader `fromIni` and `fromSSO` use. */
export async function readWithJsSdk(path: string, kind: AwsFileKind): Promise<SdkReading> {
  const missing = '/nonexistent/sso-tui-oracle';
  const loaded = await loadSharedConfigFiles({
    filepath: kind === 'credentials' ? path : missing,
    configFilepath: kind === 'config' ? path : missing,
    ignoreCache: true,
  });
  const entities: Entities = {};
  const data = (kind === 'credentials' ? loaded.credentialsFile : loaded.configFile) as Record<
    string,
    Record<string, string>
  >;
  for (const [key, values] of Object.entries(data)) {
    const spaced = /^(sso-session|services)\.(.*)$/.exec(key);
    const entity = kind === 'config' && spaced ? `${spaced[1]} ${spaced[2]}` : `profile ${key}`;
    entities[entity] = { ...values };
  }
  return { ok: true, entities };
}

export interface IntendedEdit {
  /** `profile dev`, `sso-session corp`… */
  readonly entity: string;
  /** Written values; undefined for a removal. */
  readonly values?: Readonly<Record<string, string>>;
  /** Keys that must be gone (any case), besides those written. */
  readonly removedKeys?: readonly string[];
}

/**
 * The oracle: in one SDK's readings before and after, each target reads exactly as written (keys not
 * written nor removed as before; a removed target gone) and every other entity as before. A file the SDK
 * could not read before has no "before" to keep; it must be readable after only if it was before.
 * Returns what is wrong, or [] when the edit passes.
 */
export function editViolations(
  sdk: string,
  before: SdkReading,
  after: SdkReading,
  edits: readonly IntendedEdit[],
): string[] {
  if (!after.ok)
    return before.ok ? [`${sdk} could read the file before the edit, not after: ${after.error}`] : [];
  const problems: string[] = [];
  const targets = new Set(edits.map((edit) => edit.entity));
  const old = before.ok ? before.entities : undefined;
  if (old) {
    for (const entity of new Set([...Object.keys(old), ...Object.keys(after.entities)])) {
      if (targets.has(entity)) continue;
      if (JSON.stringify(sorted(old[entity])) !== JSON.stringify(sorted(after.entities[entity]))) {
        problems.push(`${sdk} reads [${entity}] differently after the edit`);
      }
    }
  }
  for (const edit of edits) {
    const got = after.entities[edit.entity];
    if (edit.values === undefined) {
      if (got !== undefined && Object.keys(got).length > 0)
        problems.push(`${sdk} still reads [${edit.entity}]`);
      continue;
    }
    const replaced = new Set(
      [...Object.keys(edit.values), ...(edit.removedKeys ?? [])].map((key) => key.toLowerCase()),
    );
    const expected: Record<string, string> = {};
    for (const [key, value] of Object.entries(old?.[edit.entity] ?? {})) {
      const block = key.split('.')[0] as string;
      if (!replaced.has(key.toLowerCase()) && !replaced.has(block.toLowerCase())) expected[key] = value;
    }
    Object.assign(expected, edit.values);
    if (JSON.stringify(sorted(expected)) !== JSON.stringify(sorted(got))) {
      problems.push(`${sdk} does not read [${edit.entity}] as written`);
    }
  }
  return problems;
}

function sorted(values: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
