import { UserError } from '../errors.js';

/**
 * An edit refused because, after it, the AWS SDKs would not read the file as intended: the profile as
 * written by both botocore and the AWS SDK for JavaScript, every other section as each read it before.
 * The editor knows the line and the reason; the caller that knows the file adds its path with `inFile`.
 */
export class RefusedEditError extends UserError {
  override readonly name = 'RefusedEditError';
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly filePath?: string,
  ) {
    super(
      `${filePath ?? 'The file'} was not changed: line ${line}: ${reason}.`,
      'Fix that line by hand (or choose another profile name), then try again.',
    );
  }

  inFile(filePath: string): RefusedEditError {
    return new RefusedEditError(this.line, this.reason, filePath);
  }
}

/** A profile or sso-session name the AWS SDKs would not read back. */
export class InvalidProfileNameError extends UserError {
  override readonly name = 'InvalidProfileNameError';
}

/** A value that would not read back as written (empty, several lines, or cut short by a comment). */
export class UnwritableValueError extends UserError {
  override readonly name = 'UnwritableValueError';
}

/** The file or its folder cannot be read or written (permissions, a folder in its place, a full disk…). */
export class AwsFileAccessError extends UserError {
  override readonly name: string = 'AwsFileAccessError';
}

/** Another process held the file's lock for longer than we were willing to wait. */
export class FileLockedError extends UserError {
  override readonly name = 'FileLockedError';
}

/**
 * The path names something other than a regular file (a FIFO, a device, a socket, a folder, a symbolic link
 * to nothing): sso-tui refuses it without opening it.
 */
export class NotRegularFileError extends AwsFileAccessError {
  override readonly name = 'NotRegularFileError';
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(
      `${path} is ${kind}, not a regular file; sso-tui only rewrites regular files and left it alone.`,
      'Point it at a regular file (or remove it), then try again.',
    );
  }
}

/** The file's owner removed its write permission: replacing it would undo that choice. */
export class ReadOnlyFileError extends AwsFileAccessError {
  override readonly name = 'ReadOnlyFileError';
  constructor(
    readonly path: string,
    readonly mode: number,
  ) {
    super(
      `${path} is read-only (mode ${mode.toString(8).padStart(4, '0')}); sso-tui left it alone.`,
      'Make it writable (chmod u+w) if it should change.',
    );
  }
}

/** Another program kept rewriting the file while sso-tui tried to edit it. */
export class FileKeepsChangingError extends AwsFileAccessError {
  override readonly name = 'FileKeepsChangingError';
  constructor(readonly path: string) {
    super(
      `${path} kept changing while sso-tui edited it, so it was left as the other program wrote it.`,
      'Try again once the other program is done.',
    );
  }
}
