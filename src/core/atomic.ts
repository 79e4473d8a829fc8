import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A temp name beside the target, so the final rename stays on one filesystem (atomic). */
export function tempSibling(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes a file under a temp name, fsyncs, and renames it into place: readers see all or nothing. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Builds a directory under a temp name and renames it into place when `fill` finishes.
 * If `fill` throws or the process dies, no directory with the final name appears.
 */
export async function buildDirectoryAtomic<T>(target: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  await fs.mkdir(tmp, { recursive: true });
  try {
    const result = await fill(tmp);
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(tmp, target);
    return result;
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Appends a line durably (used by resumable result files: a line is either whole or absent). */
export async function appendLine(file: string, line: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, line.endsWith('\n') ? line : `${line}\n`);
}
