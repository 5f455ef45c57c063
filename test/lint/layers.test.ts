import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const SOURCE = resolve(import.meta.dirname, '../../source');

/** Value imports only (`import type` leaves nothing in the bundle): static, re-exports and `import()`. */
function importedSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from\s+'([^']+)'/gms)) {
    found.push(match[1]!);
  }
  for (const match of text.matchAll(/\bimport\('([^']+)'\)/g)) found.push(match[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next extension
    }
  }
  throw new Error(`${relative(SOURCE, from)} imports ${specifier}, which is not in source/`);
}

/** Every package and Node module that loading `entries` loads, with the chain of files that reaches it. */
function reachedPackages(entries: readonly string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importedSpecifiers(file)) {
      if (specifier.startsWith('.')) walk(resolveLocal(file, specifier), [...chain, relative(SOURCE, file)]);
      else if (!reached.has(specifier)) reached.set(specifier, [...chain, relative(SOURCE, file)]);
    }
  };
  for (const entry of entries) walk(entry, []);
  return reached;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name));
}

describe('the layers, cli → commands|app → ui → flow → services', () => {
  it('the flow loads no I/O: no file, network, process or SDK module, however indirectly', () => {
    const reached = reachedPackages(filesUnder(join(SOURCE, 'flow')));
    const io = [...reached].filter(([specifier]) => !/^(node:path|node:util)$/.test(specifier));
    expect(io.map(([specifier, chain]) => `${specifier} via ${chain.join(' → ')}`)).toEqual([]);
  });

  it('ui/hooks/ holds hooks only: each file is named use… and exports a hook', () => {
    for (const file of filesUnder(join(SOURCE, 'ui/hooks'))) {
      expect(file, relative(SOURCE, file)).toMatch(/\/use[A-Z]\w*\.tsx?$/);
      expect(readFileSync(file, 'utf8'), relative(SOURCE, file)).toMatch(/export function use[A-Z]/);
    }
  });

  it("the README's list of places an action touches names files that exist", () => {
    const readme = readFileSync(resolve(SOURCE, '../README.md'), 'utf8');
    const block = /<!-- action-files:[^>]*-->([\s\S]*?)<!-- action-files end -->/.exec(readme)?.[1];
    expect(block, 'README.md has no action-files block').toBeDefined();
    const paths = [...block!.matchAll(/`((?:source|test)\/[^`]+)`/g)].map((match) => match[1]!);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    const files = filesUnder(resolve(SOURCE, '..', 'source'))
      .concat(filesUnder(resolve(SOURCE, '..', 'test')))
      .map((file) => relative(resolve(SOURCE, '..'), file));
    for (const path of paths) {
      const pattern = new RegExp(`^${path.replace(/\./g, '\\.').replace(/<[^>]+>/g, '[^/]+')}$`);
      expect(
        files.some((file) => pattern.test(file)),
        path,
      ).toBe(true);
    }
  });

  it("the README's table of where things live names files that hold each name given", () => {
    const readme = readFileSync(resolve(SOURCE, '../README.md'), 'utf8');
    const block = /<!-- where:[^>]*-->([\s\S]*?)<!-- where end -->/.exec(readme)?.[1];
    expect(block, 'README.md has no where block').toBeDefined();
    let checked = 0;
    for (const cell of block!.split('\n').map((line) => line.split('|')[2] ?? '')) {
      // A file, then the names it holds, up to the next file: `source/x.ts` `name` (…) , `name`
      for (const part of cell.split(/(?=`source\/)/)) {
        const file = /^`(source\/[^`]+)`/.exec(part)?.[1];
        if (!file || file.endsWith('/')) continue;
        const text = readFileSync(resolve(SOURCE, '..', file), 'utf8');
        const names = [...part.slice(file.length + 2).matchAll(/`([A-Za-z_]\w*)`/g)].map(
          (match) => match[1]!,
        );
        expect(names.length, file).toBeGreaterThan(0);
        for (const name of names) {
          expect(text, `${file} ${name}`).toMatch(
            new RegExp(`export (?:const|function|class|async function) ${name}\\b`),
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('an event is named in its area only: events.ts and reduce.ts keep no list of them', async () => {
    const { reduce } = await import('../../source/flow/reduce.js');
    expect(reduce).toBeTypeOf('function');
    const areaFiles = filesUnder(join(SOURCE, 'flow')).filter((file) =>
      /= area</.test(readFileSync(file, 'utf8')),
    );
    expect(areaFiles.length).toBeGreaterThanOrEqual(7);
    const central = ['events.ts', 'reduce.ts'].map((name) =>
      readFileSync(join(SOURCE, 'flow', name), 'utf8'),
    );
    for (const file of areaFiles) {
      const takes = /area<\w+>\(\w+, \{([^}]*)\}\)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
      const names = [...takes.matchAll(/(\w+): true/g)].map((match) => match[1]!);
      expect(names.length, relative(SOURCE, file)).toBeGreaterThan(0);
      for (const name of names) {
        for (const text of central) expect(text).not.toContain(`'${name}'`);
      }
    }
  });

  it('the walk sees I/O where there is some', () => {
    const reached = reachedPackages([join(SOURCE, 'services/profileExport.ts')]);
    expect(reached.get('node:fs/promises')).toContain('services/awsFiles/safeWrite.ts');
  });

  it('lint rejects services importing the flow, the UI, the full-screen wiring or the subcommands', async () => {
    for (const layer of [
      '../flow/state.js',
      '../ui/colors.js',
      '../app/realServices.js',
      '../commands/options.js',
    ]) {
      expect(await ruleIds(`import '${layer}';\n`, 'source/services/x.ts'), layer).toEqual([
        'no-restricted-imports',
      ]);
    }
    expect(await ruleIds("import '../../flow/state.js';\n", 'source/services/auth/x.ts')).toEqual([
      'no-restricted-imports',
    ]);
    expect(await ruleIds("import './errors.js';\n", 'source/services/x.ts')).toEqual([]);
  });

  it('lint rejects the flow importing the UI, the wiring, the subcommands, or I/O of Node', async () => {
    for (const specifier of [
      '../ui/colors.js',
      '../app/realServices.js',
      '../commands/options.js',
      'node:fs',
    ]) {
      expect(await ruleIds(`import '${specifier}';\n`, 'source/flow/x.ts'), specifier).toEqual([
        'no-restricted-imports',
      ]);
    }
    expect(await ruleIds("import '../services/regions.js';\n", 'source/flow/x.ts')).toEqual([]);
  });

  it('lint rejects the UI importing the wiring or the subcommands, and the subcommands the wiring', async () => {
    expect(await ruleIds("import '../app/realServices.js';\n", 'source/ui/x.ts')).toEqual([
      'no-restricted-imports',
    ]);
    expect(await ruleIds("import '../../commands/options.js';\n", 'source/ui/hooks/x.ts')).toEqual([
      'no-restricted-imports',
    ]);
    expect(await ruleIds("import '../app/fullScreen.js';\n", 'source/commands/x.ts')).toEqual([
      'no-restricted-imports',
    ]);
  });
});
