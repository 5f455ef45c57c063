// `npm run bench`: builds the program (the warm-start and memory measures run dist/cli.js in a
// pseudo-terminal), bundles the benchmark, which imports the program's own sources, into .bench/ and runs
// it with the garbage collector exposed so each measure starts from a collected heap. Arguments pass
// through: `--json` prints one JSON object instead of the table; `--only=search,warm,credentials,cold,roles,memory,typing,files`;
// `--typing-sizes=1000,10000,100000,300000` and `--leak-minutes=10` shape the typing measure.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = fileURLToPath(new URL('../.bench/bench.mjs', import.meta.url));

const built = spawnSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

await build({
  entryPoints: [fileURLToPath(new URL('./main.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // node-pty is native and xterm is CommonJS: both load from node_modules as they are.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The SDK's notice about future Node versions would land in the middle of the table.
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
process.exit(result.status ?? 1);
