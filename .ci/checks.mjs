// `npm test`'s first step: eslint, prettier, the type check and the build at once, each one's output held
// and printed whole when it ends, so four single-threaded tools share the cores instead of queueing.
// Exits 1 when any of them failed, after all have ended.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const CHECKS = [
  ['eslint', ['eslint', '.']],
  ['prettier', ['prettier', '--check', '.']],
  ['typecheck', ['tsc', '--noEmit']],
  ['build', ['node', 'build.mjs']],
];

function run([name, [command, ...args]]) {
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, ok: false, text: `${error.message}\n` }));
    child.on('close', (code) => resolve({ name, ok: code === 0, text: Buffer.concat(output).toString() }));
  }).then((result) => {
    process.stdout.write(`== ${result.name}: ${result.ok ? 'passed' : 'FAILED'}\n${result.text}`);
    return result.ok;
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
