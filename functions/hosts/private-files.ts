/**
 * The Node host's data on disk is for its own user only: the database (with its -wal and -shm), the uploaded
 * attachments (ID copies, certificates), the ID keys and backups. Folders it creates are 0700, files 0600, and
 * a process umask of 077 covers what libSQL and SQLite create on their own (the -wal and -shm files). Paths
 * that already exist are left as the operator set them, with a warning at start when others can read them.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FOLDER = 0o700;
export const PRIVATE_FILE = 0o600;

/** From now on everything this process creates is readable by its own user only. Call before opening data. */
export function keepPrivate() {
  process.umask(0o077);
}

/** Creates `path` (and missing parents) as 0700; an existing folder keeps its mode. */
export function privateFolder(path: string) {
  if (statSync(path, { throwIfNoEntry: false })) return;
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER });
  chmodSync(path, PRIVATE_FOLDER);
}

/** Makes a file this process has just created 0600, whatever the umask was. */
export function privateFile(path: string) {
  if (statSync(path, { throwIfNoEntry: false })) chmodSync(path, PRIVATE_FILE);
}

/** The paths among `paths` that exist and that group or others may read, as `path（0755）`. */
export function openPaths(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || (stat.mode & 0o077) === 0) return [];
    return [`${path}（${(stat.mode & 0o777).toString(8).padStart(4, '0')}）`];
  });
}

/** One line for the start output when data paths are more open than 0700/0600, or undefined. */
export function opennessWarning(paths: readonly string[]): string | undefined {
  const open = openPaths(paths);
  if (open.length === 0) return undefined;
  return `注意：以下数据路径本机其他用户也能读取，建议改为只有运行本平台的用户可读（目录 chmod 700，文件 chmod 600）：${open.join('、')}`;
}

/** Where the Node host keeps its data; `databaseFile` only for a libSQL file database. */
export type DataPaths = { databaseFile?: string; filesDir: string; keyFile: string };

/**
 * At start, before any data is opened: warns about existing paths others can read, sets the umask and creates
 * the missing folders 0700. Returns what to call once the database and the keys are open: it makes the files
 * that were created meanwhile 0600.
 */
export function secureDataPaths(paths: DataPaths): () => void {
  const database = paths.databaseFile;
  const databaseFiles = database ? [database, `${database}-wal`, `${database}-shm`] : [];
  const warning = opennessWarning([
    ...(database ? [dirname(database)] : []),
    ...databaseFiles,
    paths.filesDir,
    paths.keyFile,
  ]);
  if (warning) console.warn(warning);
  keepPrivate();
  if (database) privateFolder(dirname(database));
  privateFolder(paths.filesDir);
  const fresh = [...databaseFiles, paths.keyFile].filter((p) => !existsSync(p));
  return () => {
    for (const path of fresh) privateFile(path);
  };
}
