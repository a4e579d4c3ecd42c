/** The Node host's file store: a folder on disk, written via a temporary file so a crash leaves no half file. */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FileStore } from '../files/file-store.ts';

export function folderStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(join(base, key));
    if (!path.startsWith(`${base}/`)) throw new Error('file key escapes the store');
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      // Uploads are personal data: for the host's own user only (functions/hosts/private-files.ts).
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${crypto.randomUUID()}.tmp`;
      await writeFile(tmp, bytes, { flush: true, mode: 0o600 });
      await rename(tmp, path);
    },
    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info) return null;
      return { body: new Uint8Array(await readFile(path)), size: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
