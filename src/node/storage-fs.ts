/**
 * The Node ImageStore: one file per image in a folder, its content type in a small sidecar file.
 * Writes are atomic (temp file, fsync, rename), so a reader never sees half an image; keys are checked
 * against a strict pattern before they touch a path, so no key can name a file outside the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';
import { databaseFilePath } from './db';
import type { ImageStore, StoredObject } from '../storage';

/** Letters, digits, `-` and `_` only: no dots, no separators, nothing a path could be built from. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error('Invalid image store key');
  return key;
}

/** IMAGES_DIR, else `images/` beside a file database, else ./data/images (a remote database has no folder). */
export function imagesDirFor(config: Config): string {
  if (config.imagesDir) return resolve(config.imagesDir);
  const file = databaseFilePath(config.databaseUrl);
  return resolve(file ? join(dirname(file), 'images') : join('data', 'images'));
}

async function writeAtomically(path: string, data: Uint8Array | string) {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    // The rename is the commit point; syncing first means it can never publish an empty file after a crash.
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function folderImageStore(dir: string): ImageStore {
  mkdirSync(dir, { recursive: true });
  const paths = (key: string) => {
    const file = join(dir, checkKey(key));
    return { file, type: `${file}.type` };
  };
  return {
    async put(key, body, contentType) {
      const p = paths(key);
      // The sidecar goes first: the image file appearing is what makes the object exist.
      await writeAtomically(p.type, contentType);
      await writeAtomically(p.file, body);
    },
    async get(key): Promise<StoredObject | null> {
      const p = paths(key);
      const body = await readIfExists(p.file);
      if (!body) return null;
      const type = await readIfExists(p.type);
      return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: type?.toString('utf8') ?? 'application/octet-stream' };
    },
    async delete(key) {
      const p = paths(key);
      // Image first, so a failure halfway leaves nothing readable; deleting a missing object is not an error.
      await rm(p.file, { force: true });
      await rm(p.type, { force: true });
    },
  };
}
