import { lstat } from 'node:fs/promises';
import { expect } from 'vitest';

/**
 * Asserts that nothing is at `path`, not even a dangling link: `lstat` fails with Node's own ENOENT error
 * for that path (any other failure, or none, fails the test).
 */
export async function expectNoFile(path: string): Promise<void> {
  const error = await lstat(path).then(
    (found) => found,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({
    code: 'ENOENT',
    path,
    message: `ENOENT: no such file or directory, lstat '${path}'`,
  });
}
