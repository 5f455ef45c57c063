import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  ftruncateSync,
  futimesSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { chmod, lstat, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AwsFileAccessError,
  FileKeepsChangingError,
  FileLockedError,
  NotRegularFileError,
  ReadOnlyFileError,
  RefusedEditError,
} from '../../../source/services/awsFiles/awsFileErrors.js';
import type { ChangedText } from '../../../source/services/awsFiles/changedText.js';
import { changeSections } from '../../../source/services/awsFiles/iniEditor.js';
import {
  updateFile,
  type BackupTracker,
  type FileEdit,
} from '../../../source/services/awsFiles/safeWrite.js';
import { tempFolder } from '../../support/tempFolders.js';

// Programs that rewrite the file without the lock (AWS CLI's `configure set`, Python's configparser), played
// in-process at the moments updateFile lets a test in: inside the edit (after the read), just before the
// rename (`beforeReplace`) and just after it (the backup tracker is told of the write right after the
// rename, before the replaced file is looked at again). A program still writing is met where updateFile
// waits for it: its pauses (`sleep` from node:timers/promises) are where the test writes the rest, and the
// clock (Date only) stands still, so "written a moment ago" never depends on how busy the machine is.

const pause = vi.hoisted(() => ({ during: undefined as (() => void) | undefined }));

vi.mock('node:timers/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:timers/promises')>();
  return {
    ...real,
    setTimeout: (ms: number) => {
      const during = pause.during;
      if (during === undefined) return real.setTimeout(ms);
      pause.during = undefined;
      during();
      return Promise.resolve();
    },
  };
});

const isWindows = process.platform === 'win32';
const isLinux = process.platform === 'linux';

let folder: string;
let path: string;

beforeEach(async () => {
  folder = await tempFolder('sso-tui-other-programs-');
  path = join(folder, 'credentials');
});

afterEach(async () => {
  pause.during = undefined;
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

/** The files this process still has open in the test's folder (Linux: /proc/self/fd). */
function openFilesInFolder(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(folder) ? [target] : [];
    } catch {
      return [];
    }
  });
}

// Edits kept as the text and its changes, which updateFile writes from the bytes it read.
function addDev(text: string): ChangedText {
  return changeSections(text, [{ header: 'dev', values: [['aws_access_key_id', 'ASIADEV']] }]);
}

/**
 * Runs `edit` while another program, which opened the file before the rename, writes `late` into it just
 * after the rename (into the file just replaced).
 */
function updateWithLateWrite(edit: FileEdit, late: string) {
  let replaced = -1;
  return updateFile(path, edit, {
    backup: trackerThen(() => {
      ftruncateSync(replaced);
      writeSync(replaced, late, 0);
      closeSync(replaced);
    }),
    beforeReplace: async () => {
      if (replaced === -1) replaced = openSync(path, 'r+');
    },
  });
}

/** Adds [dev] while another program does `meanwhile` once, just before the rename; the texts the edit saw. */
async function addDevWithOneWriteBeforeRename(meanwhile: () => void) {
  const seen: string[] = [];
  let done = false;
  const result = await updateFile(
    path,
    (text) => {
      seen.push(text);
      return addDev(text);
    },
    {
      backup: new Set(),
      beforeReplace: async () => {
        if (done) return;
        done = true;
        meanwhile();
      },
    },
  );
  return { seen, result };
}

/** Adds [dev], the first edit refused as on a file half written after `meanwhile`; the texts the edit saw. */
async function addDevAfterOneRefusal(meanwhile: () => void) {
  const seen: string[] = [];
  const result = await updateFile(
    path,
    (text) => {
      seen.push(text);
      if (seen.length > 1) return addDev(text);
      meanwhile();
      throw new RefusedEditError(1, 'half written');
    },
    { backup: new Set() },
  );
  return { seen, result };
}

/** The texts the edit was given, asserting that updateFile did not pause for the file before it. */
async function editedWithoutWaiting(): Promise<string[]> {
  let waited = false;
  pause.during = () => {
    waited = true;
  };
  const seen: string[] = [];
  await updateFile(
    path,
    (text) => {
      seen.push(text);
      expect(waited).toBe(false);
      vi.useRealTimers();
      return addDev(text);
    },
    { backup: new Set() },
  );
  return seen;
}

/** A tracker that runs `afterRename` the first time it is told of a write. */
function trackerThen(afterRename: () => void): BackupTracker {
  const written = new Set<string>();
  return {
    has: (name) => written.has(name),
    add: (name) => {
      if (written.size === 0) afterRename();
      written.add(name);
    },
  };
}

/** A whole-second time, which the file system keeps exactly, so a file can be given back its old mtime. */
const SOME_TIME = new Date('2026-01-02T03:04:05Z');

describe('a program that rewrites the file in place just after the rename', () => {
  it.each([
    {
      what: 'a section it added is carried into the file sso-tui wrote',
      before: '[a]\nk = v\n',
      edit: addDev,
      late: '[a]\nk = v\n\n[py]\nregion = eu-west-1\n',
      after: '[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n[py]\nregion = eu-west-1\n',
    },
    {
      what: 'a section sso-tui removed is not brought back, one sso-tui wrote is not doubled',
      before: '[a]\nk = v\n\n[old]\nk = o\n',
      edit: (text: string) =>
        changeSections(text, [
          { header: 'old', remove: true },
          { header: 'dev', values: [['aws_access_key_id', 'ASIADEV']] },
        ]),
      late: '[a]\nk = v\n\n[old]\nk = o\n\n[dev]\nregion = theirs\n\n[py]\nregion = eu-west-1\n',
      after: '[a]\nk = v\n\n\n[dev]\naws_access_key_id = ASIADEV\n[py]\nregion = eu-west-1\n',
    },
    {
      what: 'lines without a line end get one, and are kept apart from the text before',
      before: '[a]\nk = v',
      edit: (text: string) => (text.includes('[dev]') ? text : `${text}\n[dev]\nk = d`),
      late: '[a]\nk = v\n[py]\nregion = eu-west-1\n[py2]\nregion = us-east-1',
      after: '[a]\nk = v\n[dev]\nk = d\n[py]\nregion = eu-west-1\n[py2]\nregion = us-east-1\n',
    },
    {
      what: 'a write that keeps the length of the file is seen too',
      before: '[a]\nk = v\n[b]\nk = w\n',
      edit: addDev,
      late: '[a]\nk = v\n[c]\nk = w\n',
      after: '[a]\nk = v\n[b]\nk = w\n\n[dev]\naws_access_key_id = ASIADEV\n[c]\nk = w\n',
    },
    {
      what: 'the sections it added to a file sso-tui emptied are the whole file',
      before: '[old]\nk = o\n',
      edit: (text: string) => changeSections(text, [{ header: 'old', remove: true }]),
      late: '[old]\nk = o\n[py]\nregion = eu-west-1\n',
      after: '[py]\nregion = eu-west-1\n',
    },
  ])('$what', async ({ before, edit, late, after }) => {
    await writeFile(path, before, { mode: 0o600 });
    const result = await updateWithLateWrite(edit, late);
    expect(result).toEqual({ changed: true });
    expect(await readFile(path, 'utf8')).toBe(after);
    if (isLinux) expect(openFilesInFolder()).toEqual([]);
  });
});

describe('what updateFile reports after a program wrote into the file just replaced', () => {
  /** Runs `edit` on a 0644 file into which another program writes `late` just after the rename. */
  async function updateFileOf0644WithLateWrite(before: string, edit: FileEdit, late: string) {
    await writeFile(path, before);
    await chmod(path, 0o644);
    return updateWithLateWrite(edit, late);
  }

  it.skipIf(isWindows)(
    'is the first write, with the mode it narrowed, when its sections were carried over',
    async () => {
      const result = await updateFileOf0644WithLateWrite(
        '[a]\nk = v\n',
        addDev,
        '[a]\nk = v\n\n[py]\nregion = eu-west-1\n',
      );
      expect(result).toEqual({ changed: true, narrowedFromMode: 0o644 });
      expect(await readFile(path, 'utf8')).toBe(
        '[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n[py]\nregion = eu-west-1\n',
      );
    },
  );

  it.skipIf(isWindows)(
    'is the first write, with the mode it narrowed, when it added no section',
    async () => {
      // It only changed a section sso-tui left alone: that change is lost with the file replaced, but
      // sso-tui's write stands, and the text it wrote (without a last line end) is left byte for byte.
      const appendDev = (text: string): string => (text.includes('[dev]') ? text : `${text}\n[dev]\nk = d`);
      const result = await updateFileOf0644WithLateWrite('[a]\nk = v', appendDev, '[a]\nk = theirs');
      expect(result).toEqual({ changed: true, narrowedFromMode: 0o644 });
      expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n[dev]\nk = d');
    },
  );
});

describe('a program that writes other than UTF-8 into the file just replaced', () => {
  it('is named with the file', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    let replaced = -1;
    const error = await updateFile(path, addDev, {
      backup: trackerThen(() => {
        writeSync(replaced, Buffer.from('[a]\nk = M\xfcller\n', 'latin1'), 0, undefined, 0);
        closeSync(replaced);
      }),
      beforeReplace: async () => {
        replaced = openSync(path, 'r+');
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsFileAccessError);
    expect((error as Error).message).toBe(`${path} is not UTF-8 text, so sso-tui will not rewrite it.`);
  });
});

describe('a program that rewrites the file just before the rename', () => {
  it.skipIf(isWindows)('leaves the file alone when it also made the file read-only', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const error = await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        appendFileSync(path, '\n[py]\nregion = eu-west-1\n');
        chmodSync(path, 0o444);
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadOnlyFileError);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n\n[py]\nregion = eu-west-1\n');
    expect((await stat(path)).mode & 0o777).toBe(0o444);
  });

  it('is given 15 s to stop rewriting it, then the file is left as it wrote it', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    let rewrites = 0;
    const error = await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        rewrites += 1;
        appendFileSync(path, `\n[py${rewrites}]\nregion = eu-west-1\n`);
        vi.setSystemTime(start + 15_001);
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileKeepsChangingError);
    expect(error).toMatchObject({
      message: `${path} kept changing while sso-tui edited it, so it was left as the other program wrote it.`,
    });
    expect(rewrites).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n\n[py1]\nregion = eu-west-1\n');
  });

  it('still has its changes edited when it stopped within the 15 s', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    let rewrites = 0;
    await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        rewrites += 1;
        if (rewrites > 1) return;
        appendFileSync(path, '\n[py]\nregion = eu-west-1\n');
        vi.setSystemTime(start + 15_000);
      },
    });
    expect(await readFile(path, 'utf8')).toBe(
      '[a]\nk = v\n\n[py]\nregion = eu-west-1\n\n[dev]\naws_access_key_id = ASIADEV\n',
    );
  });

  it('has the edit redone on what it wrote', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const { seen, result } = await addDevWithOneWriteBeforeRename(() =>
      appendFileSync(path, '\n[py]\nregion = eu-west-1\n'),
    );
    expect(result).toEqual({ changed: true });
    expect(seen).toEqual(['[a]\nk = v\n', '[a]\nk = v\n\n[py]\nregion = eu-west-1\n']);
    expect(await readFile(path, 'utf8')).toBe(
      '[a]\nk = v\n\n[py]\nregion = eu-west-1\n\n[dev]\naws_access_key_id = ASIADEV\n',
    );
    if (isLinux) expect(openFilesInFolder()).toEqual([]);
  });

  it('has the edit redone on nothing when it removed the file', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    let removed = false;
    await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        if (removed) return;
        removed = true;
        rmSync(path);
      },
    });
    expect(await readFile(path, 'utf8')).toBe('[dev]\naws_access_key_id = ASIADEV\n');
  });

  it('has the edit redone on what it wrote where there was no file', async () => {
    let created = false;
    await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        if (created) return;
        created = true;
        writeFileSync(path, '[py]\nregion = eu-west-1\n');
      },
    });
    expect(await readFile(path, 'utf8')).toBe(
      '[py]\nregion = eu-west-1\n\n[dev]\naws_access_key_id = ASIADEV\n',
    );
  });

  it.skipIf(isWindows)('leaves a FIFO it put in the file’s place alone, never opening it', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const error = await updateFile(path, addDev, {
      backup: new Set(),
      beforeReplace: async () => {
        rmSync(path);
        expect(spawnSync('mkfifo', [path]).status).toBe(0);
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotRegularFileError);
    expect((await lstat(path)).isFIFO()).toBe(true);
  });
});

/**
 * The ways a file can change while staying the same to a careless look: its inode alone (the same bytes
 * and mtime renamed over it), its mtime alone (touched), its bytes alone (the same size and mtime).
 */
const QUIET_CHANGES = [
  {
    change: 'its inode alone',
    make: (text: string): void => {
      const beside = `${path}.other`;
      writeFileSync(beside, text, { mode: 0o600 });
      utimesSync(beside, SOME_TIME, SOME_TIME);
      renameSync(beside, path);
    },
    newText: (text: string): string => text,
  },
  {
    change: 'its mtime alone',
    make: (): void => utimesSync(path, SOME_TIME, new Date(SOME_TIME.getTime() + 1000)),
    newText: (text: string): string => text,
  },
  {
    change: 'its bytes alone',
    make: (text: string): void => {
      writeFileSync(path, text.replace('k = v', 'k = w'));
      utimesSync(path, SOME_TIME, SOME_TIME);
    },
    newText: (text: string): string => text.replace('k = v', 'k = w'),
  },
];

describe.each(QUIET_CHANGES)('a file that changed in $change', ({ make, newText }) => {
  const before = '[a]\nk = v\n';

  beforeEach(async () => {
    await writeFile(path, before, { mode: 0o600 });
    await utimes(path, SOME_TIME, SOME_TIME);
  });

  it('is read again when the edit was refused, maybe on a file half written', async () => {
    const { seen, result } = await addDevAfterOneRefusal(() => make(before));
    expect(result).toEqual({ changed: true });
    expect(seen).toEqual([before, newText(before)]);
    expect(await readFile(path, 'utf8')).toBe(`${newText(before)}\n[dev]\naws_access_key_id = ASIADEV\n`);
    if (isLinux) expect(openFilesInFolder()).toEqual([]);
  });

  it('is read again, and the edit redone, when it changed just before the rename', async () => {
    const { seen } = await addDevWithOneWriteBeforeRename(() => make(before));
    expect(seen).toEqual([before, newText(before)]);
    expect(await readFile(path, 'utf8')).toBe(`${newText(before)}\n[dev]\naws_access_key_id = ASIADEV\n`);
  });
});

describe('an edit refused while the file changed', () => {
  it('is redone on nothing when the file was removed meanwhile', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const { seen } = await addDevAfterOneRefusal(() => rmSync(path));
    expect(seen).toEqual(['[a]\nk = v\n', '']);
    expect(await readFile(path, 'utf8')).toBe('[dev]\naws_access_key_id = ASIADEV\n');
  });

  it('is redone on what was written where there was no file', async () => {
    const { seen } = await addDevAfterOneRefusal(() => writeFileSync(path, '[py]\nregion = eu-west-1\n'));
    expect(seen).toEqual(['', '[py]\nregion = eu-west-1\n']);
  });

  it.skipIf(isWindows)('names the file when it became a link that loops', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const error = await updateFile(
      path,
      () => {
        rmSync(path);
        symlinkSync(path, path);
        throw new RefusedEditError(1, 'half written');
      },
      { backup: new Set() },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AwsFileAccessError',
      message: `Cannot read ${path} (too many symbolic links).`,
      hint: 'Check the file and its permissions.',
    });
    expect((error as Error).cause).toMatchObject({ code: 'ELOOP' });
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
  });
});

describe('a file that is not there and stays so', () => {
  it('is not made by an edit that leaves it empty', async () => {
    expect(await updateFile(path, (text) => text, { backup: new Set() })).toEqual({ changed: false });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('has an edit refused for it refused at once', async () => {
    const refusal = new RefusedEditError(1, 'refused');
    let edits = 0;
    const error = await updateFile(
      path,
      () => {
        edits += 1;
        throw refusal;
      },
      { backup: new Set() },
    ).catch((caught: unknown) => caught);
    expect(error).toEqual(refusal.inFile(path));
    expect(edits).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('a program still writing the file', () => {
  it('is waited for when the file is empty and was written a moment ago (truncated, its text to follow)', async () => {
    await writeFile(path, '', { mode: 0o600 });
    const { mtimeMs } = await stat(path);
    vi.useFakeTimers({ toFake: ['Date'], now: mtimeMs + 50 });
    let waited = false;
    pause.during = () => {
      waited = true;
      writeFileSync(path, '[a]\nk = v\n');
    };
    const seen: string[] = [];
    await updateFile(
      path,
      (text) => {
        seen.push(text);
        vi.useRealTimers();
        return addDev(text);
      },
      { backup: new Set() },
    );
    expect(waited).toBe(true);
    expect(seen).toEqual(['[a]\nk = v\n']);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n');
  });

  it('is not waited for when the empty file has been quiet for 200 ms', async () => {
    await writeFile(path, '', { mode: 0o600 });
    await utimes(path, SOME_TIME, SOME_TIME);
    vi.useFakeTimers({ toFake: ['Date'], now: SOME_TIME.getTime() + 200 });
    expect(await editedWithoutWaiting()).toEqual(['']);
  });

  it('is waited for 2 s at most when the empty file’s time is ahead of the clock', async () => {
    // A file system whose clock is ahead (a network share): the file looks written a moment ago for ever.
    await writeFile(path, '', { mode: 0o600 });
    const start = SOME_TIME.getTime();
    const ahead = new Date(start + 60_000);
    await utimes(path, ahead, ahead);
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    let waits = 0;
    const pauseUntilGivenUp = (): void => {
      waits += 1;
      vi.setSystemTime(start + 2_000);
      pause.during = pauseUntilGivenUp;
    };
    pause.during = pauseUntilGivenUp;
    const seen: string[] = [];
    await updateFile(
      path,
      (text) => {
        seen.push(text);
        pause.during = undefined;
        // Past the file's time, so the file written next is not "written a moment ago".
        vi.setSystemTime(start + 61_000);
        return addDev(text);
      },
      { backup: new Set() },
    );
    expect(seen).toEqual(['']);
    expect(waits).toBe(1);
  });

  it('is not waited for when the file has text', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    const { mtimeMs } = await stat(path);
    vi.useFakeTimers({ toFake: ['Date'], now: mtimeMs + 50 });
    expect(await editedWithoutWaiting()).toEqual(['[a]\nk = v\n']);
  });

  it('is watched in the replaced file until it is quiet, and what it added there carried over', async () => {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    await utimes(path, SOME_TIME, SOME_TIME);
    let replaced = -1;
    let waited = false;
    await updateFile(path, addDev, {
      backup: trackerThen(() => {
        // It opened the file before the rename; it truncates it now, then pauses before its text.
        const frozen = Date.now();
        vi.useFakeTimers({ toFake: ['Date'], now: frozen });
        ftruncateSync(replaced);
        pause.during = () => {
          waited = true;
          writeSync(replaced, '[a]\nk = v\n\n[py]\nregion = eu-west-1\n', 0);
          closeSync(replaced);
          vi.setSystemTime(frozen + 1000);
        };
      }),
      beforeReplace: async () => {
        if (replaced === -1) replaced = openSync(path, 'r+');
      },
    });
    expect(waited).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(
      '[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n[py]\nregion = eu-west-1\n',
    );
  });
});

describe('another sso-tui holding the lock', () => {
  it('is waited on for 10 s unless told otherwise', async () => {
    await writeFile(`${path}.lock`, `${process.pid}\n`);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const waitedUntil: number[] = [];
    const pauseUntil = (elapsed: number) => (): void => {
      waitedUntil.push(elapsed);
      vi.setSystemTime(start + elapsed);
      if (elapsed < 10_000) pause.during = pauseUntil(10_000);
    };
    pause.during = pauseUntil(9_999);
    const error = await updateFile(path, addDev, { backup: new Set() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileLockedError);
    expect(waitedUntil).toEqual([9_999, 10_000]);
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('a replaced file another program wrote into', () => {
  /**
   * Updates the file while another program writes `late` into it just after the rename; its time is set
   * to a whole second, and the clock stopped `clockAfter` ms after it. The edit's second round (on the file
   * with the late sections) runs on the real clock again, its pauses slept.
   */
  async function updateWithLateWrite(late: string, clockAfter: number, onPause: () => void): Promise<void> {
    await writeFile(path, '[a]\nk = v\n', { mode: 0o600 });
    let replaced = -1;
    let edits = 0;
    await updateFile(
      path,
      (text) => {
        edits += 1;
        if (edits > 1) {
          pause.during = undefined;
          vi.useRealTimers();
        }
        return addDev(text);
      },
      {
        backup: trackerThen(() => {
          const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 10_000);
          writeSync(replaced, late, 0);
          futimesSync(replaced, mtime, mtime);
          closeSync(replaced);
          vi.useFakeTimers({ toFake: ['Date'], now: mtime.getTime() + clockAfter });
          pause.during = onPause;
        }),
        beforeReplace: async () => {
          if (replaced === -1) replaced = openSync(path, 'r+');
        },
      },
    );
  }

  const late = '[a]\nk = v\n\n[py]\nregion = eu-west-1\n';
  const carried = '[a]\nk = v\n\n[dev]\naws_access_key_id = ASIADEV\n[py]\nregion = eu-west-1\n';

  it('is read at once when it has been quiet for 200 ms', async () => {
    let waited = false;
    await updateWithLateWrite(late, 200, () => {
      waited = true;
    });
    expect(waited).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(carried);
  });

  it('is watched 2 s at most when its time is ahead of the clock', async () => {
    let waits = 0;
    const pauseUntilGivenUp = (): void => {
      waits += 1;
      vi.setSystemTime(Date.now() + 2_000);
    };
    await updateWithLateWrite(late, -60_000, pauseUntilGivenUp);
    expect(waits).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(carried);
  });
});
