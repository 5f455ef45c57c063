import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempFolders.js';

const exec = promisify(execFile);
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const MEGABYTE = 1024 * 1024;

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

let packed: PackResult;
let tarball: string;
let prefix: string;
let env: Record<string, string>;

/**
 * What a user gets from `npm pack` and `npm install -g` of the tarball: the bundle alone. An empty prefix
 * and `--offline` make any runtime dependency the bundle forgot fail here, since npm could fetch none.
 */
beforeAll(async () => {
  if (!existsSync(join(PROJECT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  }
  const work = await tempFolder('sso-tui-install-');
  prefix = join(work, 'prefix');
  // A home and temp folder of their own: no user npmrc, and the demo's sandbox lands where the test cleans.
  env = { PATH: process.env.PATH ?? '', HOME: work, TMPDIR: work, npm_config_cache: join(work, 'npm-cache') };
  // --ignore-scripts: the prepack build would rewrite dist/ under the feet of tests running beside this one.
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: PROJECT,
    env,
  });
  packed = (JSON.parse(pack.stdout) as [PackResult])[0];
  tarball = join(work, packed.filename);
  await exec(
    'npm',
    ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
    {
      env,
    },
  );
}, 120_000);

describe('the packed package', () => {
  it('holds the bundle and the package files, no source maps, under 1 MB packed', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('package.json');
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(paths.filter((path) => !/^(dist\/|package\.json$|README\.md$|LICENSE)/.test(path))).toEqual([]);
    expect(packed.size).toBeLessThan(MEGABYTE);
    expect(packed.unpackedSize).toBeLessThan(3 * MEGABYTE);
  });

  it('installs with no dependencies beside it', async () => {
    const installed = join(prefix, 'lib', 'node_modules');
    expect(await readdir(installed)).toEqual(['sso-tui']);
    expect(existsSync(join(installed, 'sso-tui', 'node_modules'))).toBe(false);
  });

  it('runs --version and --demo list from the installed command', async () => {
    const command = join(prefix, 'bin', 'sso-tui');
    const version = await exec(command, ['--version'], { env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const list = await exec(command, ['--demo', 'list'], { env });
    const rows = list.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ACCOUNT ID +NAME +EMAIL$/);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows[1]).toMatch(/^\d{12} +\S+ +\S+@\S+$/);
  }, 60_000);
});
