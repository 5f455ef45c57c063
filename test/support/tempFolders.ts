import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A fresh folder under the OS temp directory, removed after the test file (see removeTempFolders). */
export async function tempFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  made.add(folder);
  return folder;
}

/** Removes every folder tempFolder made; vitest.config.ts runs it after each test file. */
export async function removeTempFolders(): Promise<void> {
  await Promise.all([...made].map((folder) => rm(folder, { recursive: true, force: true })));
  made.clear();
}
