import { loadSharedConfigFiles } from '@smithy/core/config';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AwsFileKind } from '../../source/services/awsFiles/sdkReadings.js';

// The two SDKs themselves, as oracles: what botocore (python3) and the AWS SDK for JavaScript read from
// files on disk. An entity is `profile dev`, `sso-session corp`, `services s` (or `other x`, botocore only).

export type Entities = Record<string, Record<string, string>>;
export type SdkReading =
  { readonly ok: true; readonly entities: Entities } | { readonly ok: false; readonly error: string };

const SCRIPT = fileURLToPath(new URL('./botocoreReadings.py', import.meta.url));

/** botocore's reading of each file, in one python3 process for the lot. */
export async function readWithBotocore(
  files: ReadonlyArray<{ path: string; kind: AwsFileKind }>,
): Promise<SdkReading[]> {
  if (files.length === 0) return [];
  const child = spawn('python3', [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.end(JSON.stringify(files.map(({ path, kind }) => [path, kind])));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`botocore reader failed: ${Buffer.concat(err).toString()}`);
  return JSON.parse(Buffer.concat(out).toString()) as SdkReading[];
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
