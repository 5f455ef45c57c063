import { build } from 'esbuild';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCredentialsFile } from '../../support/awsFileReadings.js';
import { parseIni } from '../../../source/services/awsFiles/iniParser.js';
import { tempFolder } from '../../support/tempFolders.js';

// Several processes writing one file at once, and one killed in the middle of its write. The children run
// the real modules, bundled by esbuild, through fixtures/updateFileWorker.mjs.

const sourceFolder = fileURLToPath(new URL('../../../source/services/awsFiles/', import.meta.url));
const worker = fileURLToPath(new URL('./fixtures/updateFileWorker.mjs', import.meta.url));

let bundleFolder: string;
let bundle: string;
let folder: string;
let path: string;

beforeAll(async () => {
  bundleFolder = await tempFolder('sso-tui-bundle-');
  bundle = join(bundleFolder, 'awsFiles.mjs');
  await build({
    stdin: {
      contents:
        "export { updateFile } from './safeWrite.ts'; export { upsertSection } from './iniEditor.ts';",
      resolveDir: sourceFolder,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(bundleFolder, { recursive: true, force: true });
});

beforeEach(async () => {
  folder = await tempFolder('sso-tui-processes-');
  path = join(folder, 'credentials');
  return () => rm(folder, { recursive: true, force: true });
});

function startWorker(mode: 'write' | 'crash', profile: string): ChildProcess {
  return fork(worker, [bundle, mode, path, profile], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Every state of the file a reader can see must be complete: the old text or the new, never a part. */
function assertComplete(text: string, before: string): void {
  if (text === '' || text === before) return;
  expect(parseIni(text).problems).toEqual([]);
  for (const [name, values] of readCredentialsFile(text)) {
    if (name === 'hand-edited') continue;
    expect(values['aws_session_token']).toBe(`token/${name}+${'x'.repeat(2000)}==`);
  }
}

describe('updateFile across processes', () => {
  it('loses no profile when 20 processes write at once, and never shows a partial file', async () => {
    const before = '# hand edited\r\n[hand-edited]\r\nregion = eu-west-1 # keep\r\n';
    await writeFile(path, before, { mode: 0o600 });
    const names = Array.from({ length: 20 }, (_, index) => `p${index}`);
    const exits = Promise.all(names.map((name) => exitOf(startWorker('write', name))));

    let finished = false;
    void exits.finally(() => (finished = true));
    let reads = 0;
    while (!finished) {
      assertComplete(await readFile(path, 'utf8'), before);
      reads += 1;
    }

    for (const exit of await exits) expect(exit).toEqual({ code: 0, signal: null, stderr: '' });
    expect(reads).toBeGreaterThan(0);
    const after = await readFile(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect([...readCredentialsFile(after).keys()].sort()).toEqual(['hand-edited', ...names].sort());
    expect(after).not.toMatch(/(^|[^\r])\n/);
    expect((await readdir(folder)).sort()).toEqual([
      'credentials',
      'credentials.sso-tui.bak',
      'credentials.sso-tui.orig',
    ]);
  });

  it('keeps the old file when a writer is killed between its temporary file and the rename', async () => {
    const before = '[hand-edited]\nregion = eu-west-1\n';
    await writeFile(path, before, { mode: 0o600 });
    const child = startWorker('crash', 'killed');
    const exit = exitOf(child);
    await new Promise((resolve) => child.once('message', resolve));
    const temporary = (await readdir(folder)).find((name) => name.endsWith('.tmp'));
    expect(temporary).toBeDefined();
    expect(await readFile(join(folder, temporary ?? ''), 'utf8')).toContain('[killed]');
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');

    expect(await readFile(path, 'utf8')).toBe(before);
    // The dead writer's lock is stale: the next writer takes it over and finishes.
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${child.pid}\n`);
    expect(await exitOf(startWorker('write', 'next'))).toEqual({ code: 0, signal: null, stderr: '' });
    const after = await readFile(path, 'utf8');
    expect([...readCredentialsFile(after).keys()]).toEqual(['hand-edited', 'next']);
    expect(await readdir(folder)).not.toContain('credentials.lock');
    // The dead writer's temporary file went with it; a live writer's is left alone.
    expect(await readdir(folder)).not.toContain(temporary);
  });

  it('leaves the temporary file of a writer still running', async () => {
    const live = `.credentials.${process.pid}.0123456789ab.tmp`;
    await writeFile(join(folder, live), 'in progress');
    expect(await exitOf(startWorker('write', 'other'))).toEqual({ code: 0, signal: null, stderr: '' });
    expect(await readdir(folder)).toContain(live);
  });
});
