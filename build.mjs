// Bundles the CLI into one file so start-up does not resolve hundreds of modules.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('./source/ui/devtoolsStub.ts', import.meta.url));

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'source/cli.tsx' },
  outdir: 'dist',
  // Commands, Ink and the AWS SDK become chunks loaded on first use (see dispatch in source/main.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  // React and its reconciler otherwise pick their development builds at run time: twice the code, slower.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; left external the bundle dies at start.
  alias: { 'react-devtools-core': stub },
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
