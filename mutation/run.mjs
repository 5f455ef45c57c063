// `npm run mutate [module…]`: mutation testing (StrykerJS, vitest runner) of the code that guards users,
// one module at a time so a 2-core machine stays usable. Each module keeps its own incremental file in
// mutation/incremental/, committed: a run re-tests only the mutants whose code or tests changed since.
// Extra arguments starting with `--` go to Stryker as they are (`--force` re-tests every mutant).
// Prints the score per module; the README's table is copied from it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every line outside the redactor that applies it (remembers a secret or masks a text). */
function linesApplyingTheRedactor() {
  const files = ['source/main.ts', 'source/commands/context.ts', 'source/commands/signIn.ts'];
  files.push('source/commands/roleCredentials.ts', 'source/commands/credentialProcess.ts');
  return files.flatMap((file) =>
    readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        /redactor\.(redact|remember)\(/.test(line) ? [`${file}:${index + 1}-${index + 1}`] : [],
      ),
  );
}

const auth =
  (...names) =>
  () =>
    names.map((name) => `source/services/auth/${name}.ts`);

const awsFiles =
  (...names) =>
  () =>
    names.map((name) => `source/services/awsFiles/${name}.ts`);

/**
 * The lines of `file` from the one starting with `from` (the first line when undefined) to the one before
 * the one starting with `to` (the last line when undefined).
 */
function linesBetween(file, from, to) {
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split('\n');
  const start = from === undefined ? 0 : lines.findIndex((line) => line.startsWith(from));
  const end =
    to === undefined ? lines.length : lines.findIndex((line, index) => index > start && line.startsWith(to));
  if (start < 0 || end < 0) throw new Error(`${file} has no "${from}" followed by "${to}".`);
  return `${file}:${start + 1}-${end}`;
}

/** Every line of `file` outside `linesBetween(file, from, to)`: the module it is a part of, without it. */
function linesOutside(file, from, to) {
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split('\n');
  const [start, end] = linesBetween(file, from, to)
    .slice(file.length + 1)
    .split('-')
    .map(Number);
  return [`${file}:1-${start - 1}`, `${file}:${end + 1}-${lines.length}`];
}

const EDITOR = 'source/services/awsFiles/iniEditor.ts';
const JUDGE = ['function judgeEdit(', 'function splitByteOrderMark('];
const READINGS = 'source/services/awsFiles/sdkReadings.ts';
const BOTOCORE_READING = ['export function readAsBotocore(', 'export const JS_COMMENT'];
// The readings without botocore's reading (about 780 mutants) in five parts of 90 to 180, each from the
// line starting with the first text to the one before the line starting with the second.
const READINGS_PARTS = [
  // the section names' keys, Python's strip, and botocore's header, comment, indent and option
  [undefined, 'export function shlexSplit('],
  // shlex's split and botocore's section names
  ['export function shlexSplit(', BOTOCORE_READING[0]],
  // the JavaScript SDK's lines, headers and section names, and its scan of a plain file
  [BOTOCORE_READING[1], 'function jsPass('],
  // the JavaScript SDK's reading, the sections by entity and the excerpt
  ['function jsPass(', 'export function rescanChanges('],
  // the rescan of the sections an edit changed
  ['export function rescanChanges(', undefined],
];
const READINGS_MODULES = READINGS_PARTS.map((_, index) => `awsFilesReadings${index + 1}`);

// Sign-in is about 660 mutants, over an hour on this machine: it runs in four parts, each with its own
// incremental file, so a stopped run keeps the parts it finished. `npm run mutate auth` runs all four.
const MODULES = {
  authRedirect: auth('redirectServer'),
  authCode: auth('authCodeSignIn', 'pkce', 'browser', 'startSignIn', 'verificationUri', 'cancellation'),
  authDevice: auth('deviceCodeSignIn', 'clientRegistration', 'setupVerification'),
  authGrant: auth('refreshGrant', 'oidcErrors', 'ssoTokenFromResponse'),
  rateBudget: () => ['source/services/rateBudget.ts'],
  portal: () => ['source/services/portal.ts'],
  redactor: () => ['source/services/redactor.ts', ...linesApplyingTheRedactor()],
  sanitizer: () => ['source/services/terminalText.ts'],
  tokens: () => ['source/services/tokenCache.ts', 'source/services/tokenRefresh.ts'],
  credentialCache: () => ['source/services/credentialCache.ts'],
  // The editor without its judge, which runs on its own: one mutant is in one part only.
  awsFilesEditor: () => linesOutside(EDITOR, ...JUDGE),
  // Part of the editor, to run on its own: the judge that refuses an edit either SDK would read otherwise.
  awsFilesJudge: () => [linesBetween(EDITOR, ...JUDGE)],
  // The readings without botocore's reading, which runs on its own, in five parts (READINGS_PARTS);
  // `awsFilesReadings` runs them all.
  ...Object.fromEntries(
    READINGS_PARTS.map(([from, to], index) => [
      READINGS_MODULES[index],
      () => [linesBetween(READINGS, from, to)],
    ]),
  ),
  // Part of the readings, to run on its own: how botocore reads a file, line by line, and its scans.
  awsFilesBotocoreReading: () => [linesBetween(READINGS, ...BOTOCORE_READING)],
  awsFilesWrite: awsFiles('safeWrite'),
  awsFilesLock: awsFiles('fileLock'),
  awsFilesConfig: awsFiles('awsConfigFile', 'awsFileErrors'),
  awsFilesParser: awsFiles('iniParser', 'iniLines'),
};
const GROUPS = {
  auth: ['authRedirect', 'authCode', 'authDevice', 'authGrant'],
  awsFilesReadings: READINGS_MODULES,
  awsFiles: [
    'awsFilesConfig',
    'awsFilesLock',
    'awsFilesWrite',
    'awsFilesParser',
    ...READINGS_MODULES,
    'awsFilesBotocoreReading',
    'awsFilesEditor',
    'awsFilesJudge',
  ],
};

/**
 * Modules whose mutants run against only the tests named here (mutation/vitest.config.ts reads them). The
 * sanitizer's tables are static mutants, which Stryker runs against every test of the configured set; with
 * all of test/services and test/commands that is over an hour here, with its own tests a few minutes. Other
 * tests reach it too and could only kill more, so its score is if anything low.
 */
const TESTS = {
  sanitizer: ['test/services/terminalText.test.ts', 'test/services/auth/verificationUri.test.ts'],
};

const args = process.argv.slice(2);
const strykerArgs = args.filter((arg) => arg.startsWith('--'));
const asked = args.filter((arg) => !arg.startsWith('--')).flatMap((name) => GROUPS[name] ?? [name]);
const unknown = asked.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  const known = [...Object.keys(GROUPS), ...Object.keys(MODULES)];
  console.error(`Unknown module ${unknown.join(', ')}; the modules are ${known.join(', ')}.`);
  process.exit(2);
}

const scores = [];
for (const name of asked.length > 0 ? asked : Object.keys(MODULES)) {
  const incrementalFile = `mutation/incremental/${name}.json`;
  const run = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      '--mutate',
      MODULES[name]().join(','),
      '--incrementalFile',
      incrementalFile,
      ...strykerArgs,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MUTATION_TESTS: (TESTS[name] ?? []).join(',') },
    },
  );
  if (run.status !== 0) {
    console.error(`Stryker failed on ${name} (exit ${run.status}).`);
    process.exit(1);
  }
  scores.push({ name, ...score(new URL(`../${incrementalFile}`, import.meta.url)) });
}

const width = Math.max(6, ...scores.map(({ name }) => name.length));
console.log(`\n${'module'.padEnd(width)} killed  survived  no coverage  timeout  score`);
for (const { name, killed, survived, noCoverage, timeout, percent } of scores) {
  console.log(
    `${name.padEnd(width)} ${String(killed).padStart(6)}  ${String(survived).padStart(8)}  ` +
      `${String(noCoverage).padStart(11)}  ${String(timeout).padStart(7)}  ${percent}`,
  );
}

/** Stryker's mutation score: detected (killed or timed out) over every valid mutant. */
function score(file) {
  if (!existsSync(file)) throw new Error(`Stryker wrote no ${fileURLToPath(file)}.`);
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const count = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0 };
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) if (status in count) count[status]++;
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return {
    killed: count.Killed,
    survived: count.Survived,
    noCoverage: count.NoCoverage,
    timeout: count.Timeout,
    percent: valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`,
  };
}
