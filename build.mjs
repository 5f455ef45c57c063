// Bundles the CLI into one file so start-up does not resolve hundreds of modules.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const bundled = (name) => fileURLToPath(new URL(`./source/bundle/${name}`, import.meta.url));

/** Modules the bundle takes from source/bundle instead of node_modules, by exact import specifier. */
const replaced = new Map([
  // Ink imports react-devtools-core only when DEV is set; left external the bundle dies at start.
  ['react-devtools-core', bundled('reactDevtools.ts')],
  // Loaded by conf for schemas and migrations, which sso-tui does not use.
  ['ajv/dist/2020.js', bundled('confUnused.ts')],
  ['ajv-formats', bundled('confUnused.ts')],
  ['semver', bundled('confUnused.ts')],
]);

// Ink's cut of text that does not fit ends in ASCII where the terminal cannot show `…`.
const cliTruncate = bundled('cliTruncate.ts');
replaced.set('cli-truncate', cliTruncate);

/** Modules the bundle measures text with: source/bundle/stringWidth.ts, which itself takes the real one. */
const stringWidth = bundled('stringWidth.ts');
replaced.set('string-width', stringWidth);

const replaceModules = {
  name: 'replace-modules',
  setup(build) {
    const filter = new RegExp(
      `^(${[...replaced.keys()].map((key) => key.replace(/[./-]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter }, ({ path, importer }) =>
      importer === stringWidth || importer === cliTruncate ? undefined : { path: replaced.get(path) },
    );
  },
};

/**
 * Yoga's loader fetches its own inline `data:` URL when `fetch` exists, which makes Node load undici
 * (~45 ms of a start); decoding it in place, as the loader does where there is no fetch, is the same bytes.
 */
const yogaInlineWasm = {
  name: 'yoga-inline-wasm',
  setup(build) {
    build.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async ({ path }) => {
        const text = await readFile(path, 'utf8');
        const fetching = 'function ya(){return w||"function"!=typeof fetch?';
        if (text.split(fetching).length !== 2) {
          throw new Error(`yoga-layout changed: "${fetching}" is not in ${path} once; revisit build.mjs.`);
        }
        return {
          contents: text.replace(fetching, 'function ya(){return w||ua(H)||"function"!=typeof fetch?'),
        };
      },
    );
  },
};

/**
 * Ink's Output, which turns each frame's texts into its lines, replaced by one that reuses the lines of
 * the frame before (source/bundle/inkOutput.ts says why; a test holds the two to the same frames). It is
 * a rewrite of Ink 6.8's: another Ink version stops the build until the two are compared again.
 */
const inkOutput = {
  name: 'ink-output',
  setup(build) {
    build.onResolve({ filter: /^\.\/output\.js$/ }, async ({ importer }) => {
      if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(importer)) return undefined;
      const ink = JSON.parse(await readFile(new URL('./node_modules/ink/package.json', import.meta.url)));
      if (ink.version !== '6.8.0') {
        throw new Error(`ink ${ink.version}: compare ink/build/output.js with source/bundle/inkOutput.ts.`);
      }
      return { path: bundled('inkOutput.ts') };
    });
  },
};

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
  // Maps stay beside the build for debugging and out of the package (package.json "files").
  sourcemap: 'external',
  legalComments: 'none',
  // React and its reconciler otherwise pick their development builds at run time: twice the code, slower.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [replaceModules, yogaInlineWasm, inkOutput],
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
