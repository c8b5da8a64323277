import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * File writes that survive a power loss once they return: the data is fsynced, and so is the folder
 * whose entry a rename, a new file or a removal changed (POSIX keeps names and contents apart).
 * With `fsync` off the same writes happen without the flushes (tests of other things, scratch stores).
 */
export class DurableFiles {
  constructor(private readonly fsync: boolean) {}

  /** Replaces `file` whole: written to a temp file beside it, flushed, renamed over, folder flushed. */
  replace(file: string, text: string): void {
    const temp = join(dirname(file), `.${basename(file)}.tmp`);
    const handle = openSync(temp, 'w');
    try {
      writeSync(handle, text, null, 'utf8');
      if (this.fsync) fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temp, file);
    this.syncFolder(dirname(file));
  }

  /** Appends `text`; `created` says the file is new, so its folder entry is flushed too. */
  append(file: string, text: string, created: boolean): void {
    const handle = openSync(file, 'a');
    try {
      writeSync(handle, text, null, 'utf8');
      if (this.fsync) fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    if (created) this.syncFolder(dirname(file));
  }

  /** Removes `file` if it is there. */
  remove(file: string): void {
    try {
      unlinkSync(file);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
      throw error;
    }
    this.syncFolder(dirname(file));
  }

  /** Flushes a folder's entries (a file created, renamed or removed in it). */
  syncFolder(dir: string): void {
    if (!this.fsync) return;
    const handle = openSync(dir, 'r');
    try {
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
  }
}
