/**
 * The owner file of a local store (`<dataDir>/dynamodb/procwatch-local.json`): which process started
 * its DynamoDB Local JVM, the JVM's pid and port, and whether others may share it. Created
 * exclusively, so of two processes starting at once only one becomes the owner.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OwnerRecord {
  ownerPid: number;
  /** Null while the JVM is starting. */
  javaPid: number | null;
  port: number | null;
  shared: boolean;
  command: string;
  startedAt: string;
}

export const OWNER_FILE = 'procwatch-local.json';

const file = (dbPath: string) => join(dbPath, OWNER_FILE);

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readOwner(dbPath: string): OwnerRecord | null {
  try {
    const rec = JSON.parse(readFileSync(file(dbPath), 'utf8')) as Partial<OwnerRecord>;
    return typeof rec.ownerPid === 'number' ? (rec as OwnerRecord) : null;
  } catch {
    // Missing, or half-written by an owner that died mid-write: treat a broken file as no owner.
    return null;
  }
}

/**
 * True when this process became the owner; false when another got there first. The record is
 * written whole to a file of its own, then linked into place: a reader never sees half of it.
 */
export function claimOwner(dbPath: string, rec: OwnerRecord): boolean {
  const tmp = `${file(dbPath)}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify(rec), { mode: 0o600 });
  try {
    linkSync(tmp, file(dbPath));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A file no one can read (a disk that filled up) must not block every later run.
    if (!readOwner(dbPath)) rmSync(file(dbPath), { force: true });
    return false;
  } finally {
    rmSync(tmp, { force: true });
  }
}

export function updateOwner(dbPath: string, rec: OwnerRecord): void {
  const tmp = `${file(dbPath)}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify(rec), { mode: 0o600 });
  renameSync(tmp, file(dbPath));
}

/** Removes the file only if it still names `ownerPid`. */
export function releaseOwner(dbPath: string, ownerPid: number): void {
  if (readOwner(dbPath)?.ownerPid === ownerPid) rmSync(file(dbPath), { force: true });
}
