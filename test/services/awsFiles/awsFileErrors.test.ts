import { describe, expect, it } from 'vitest';
import {
  AwsFileAccessError,
  FileKeepsChangingError,
  FileLockedError,
  InvalidProfileNameError,
  NotRegularFileError,
  ReadOnlyFileError,
  RefusedEditError,
  UnwritableValueError,
} from '../../../source/services/awsFiles/awsFileErrors.js';
import { UserError } from '../../../source/services/errors.js';

// What a user reads: the sentence, the hint any front end shows as it is, and the name `--debug` prints
// at the head of the stack.
describe('the AWS files errors', () => {
  it.each([
    [
      new RefusedEditError(7, 'a key twice'),
      'RefusedEditError',
      'The file was not changed: line 7: a key twice.',
      'Fix that line by hand (or choose another profile name), then try again.',
    ],
    [
      new RefusedEditError(7, 'a key twice').inFile('/home/a/.aws/config'),
      'RefusedEditError',
      '/home/a/.aws/config was not changed: line 7: a key twice.',
      'Fix that line by hand (or choose another profile name), then try again.',
    ],
    [
      new NotRegularFileError('/home/a/.aws/config', 'a FIFO'),
      'NotRegularFileError',
      '/home/a/.aws/config is a FIFO, not a regular file; sso-tui only rewrites regular files and left it alone.',
      'Point it at a regular file (or remove it), then try again.',
    ],
    [
      new ReadOnlyFileError('/home/a/.aws/config', 0o444),
      'ReadOnlyFileError',
      '/home/a/.aws/config is read-only (mode 0444); sso-tui left it alone.',
      'Make it writable (chmod u+w) if it should change.',
    ],
    [
      new FileKeepsChangingError('/home/a/.aws/config'),
      'FileKeepsChangingError',
      '/home/a/.aws/config kept changing while sso-tui edited it, so it was left as the other program wrote it.',
      'Try again once the other program is done.',
    ],
  ])('%s', (error, name, message, hint) => {
    expect({ name: error.name, message: error.message, hint: error.hint }).toEqual({ name, message, hint });
    expect(String(error.stack).split('\n')[0]).toBe(`${name}: ${message}`);
    expect(error).toBeInstanceOf(UserError);
  });

  it.each([
    [new InvalidProfileNameError('m'), 'InvalidProfileNameError'],
    [new UnwritableValueError('m'), 'UnwritableValueError'],
    [new AwsFileAccessError('m'), 'AwsFileAccessError'],
    [new FileLockedError('m'), 'FileLockedError'],
  ])('names %s', (error, name) => {
    expect(error.name).toBe(name);
  });

  it('keeps the line and the reason when the file is named', () => {
    const named = new RefusedEditError(3, 'why').inFile('/f');
    expect({ line: named.line, reason: named.reason, filePath: named.filePath }).toEqual({
      line: 3,
      reason: 'why',
      filePath: '/f',
    });
  });
});
