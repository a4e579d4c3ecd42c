/**
 * Backups of the Node host: `npm run backup -- --to <folder>` writes a consistent copy of the libSQL file
 * (VACUUM INTO, safe while the server runs) and of the uploaded files it refers to; `npm run restore -- --from
 * <folder>` puts them back (stop the server first). The two are separate commands of this file, so a backup
 * can never restore. The ID keys are not copied: keep them in your secret store — without them the stored
 * 身份证号 cannot be read.
 *
 * Why the files are copied after the database, and only those it refers to: an upload writes its file before
 * its row, and a deletion removes the row before the file. So every row in the snapshot had its file when the
 * snapshot was taken; a file that is gone when we come to copy it was deleted after the snapshot, together with
 * its row — its row is then dropped from the backup too, as the user's own later deletion. Files uploaded after
 * the snapshot are not referenced and not copied. A row whose file is missing while the row still exists in the
 * live database was damaged before the backup; it is kept and reported.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import {
  deleteAttachmentsByKey,
  existingStorageKeys,
  listStorageKeys,
} from '../../db/queries/system/backup.ts';
import * as schema from '../../db/schema/index.ts';
import { keepPrivate, PRIVATE_FOLDER, privateFile } from './private-files.ts';

export type BackupPaths = { databaseFile: string; filesDir: string };

export type BackupReport = {
  /** Files copied. */
  files: number;
  /** Attachments deleted by their users while the backup ran: left out of the backup, row and file. */
  deletedDuringBackup: string[];
  /** Attachments whose file was already missing from the live store: kept in the backup, without a file. */
  missingBeforeBackup: string[];
};

function open(file: string) {
  const client = createClient({ url: `file:${file}`, timeout: 5000 });
  return { client, db: drizzle({ client, schema }) };
}

/** The path of a storage key inside `dir`; keys are made by the server, but a backup should not trust that. */
function fileOf(dir: string, key: string) {
  const base = resolve(dir);
  const path = resolve(base, key);
  if (!path.startsWith(`${base}/`)) throw new Error(`附件路径不合法：${key}`);
  return path;
}

export async function backup(
  paths: BackupPaths,
  to: string,
  /** Tests use this to write between the snapshot and the file copy. */
  hooks: { afterSnapshot?: () => Promise<void> } = {},
): Promise<BackupReport> {
  const folder = resolve(to);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  const target = join(folder, 'cqo.db');
  if (existsSync(target)) throw new Error(`备份目录中已有 cqo.db：${to}，请换一个空目录`);
  const live = open(paths.databaseFile);
  let snapshot: ReturnType<typeof open> | undefined;
  try {
    await live.client.execute({ sql: 'VACUUM INTO ?', args: [target] });
    privateFile(target);
    await hooks.afterSnapshot?.();
    snapshot = open(target);
    const missing: string[] = [];
    let files = 0;
    for (const key of await listStorageKeys(snapshot.db)) {
      const destination = fileOf(join(folder, 'files'), key);
      mkdirSync(dirname(destination), { recursive: true, mode: PRIVATE_FOLDER });
      try {
        copyFileSync(fileOf(paths.filesDir, key), destination);
        privateFile(destination);
        files += 1;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        missing.push(key);
      }
    }
    const stillListed = await existingStorageKeys(live.db, missing);
    const deletedDuringBackup = missing.filter((k) => !stillListed.has(k));
    await deleteAttachmentsByKey(snapshot.db, deletedDuringBackup);
    return { files, deletedDuringBackup, missingBeforeBackup: missing.filter((k) => stillListed.has(k)) };
  } finally {
    snapshot?.client.close();
    live.client.close();
  }
}

/**
 * Replaces the database and the files with the backup's. Returns the attachments whose file the backup lacks
 * (their downloads answer 404; the restore goes ahead).
 */
export async function restore(paths: BackupPaths, from: string): Promise<{ missingFiles: string[] }> {
  const source = join(resolve(from), 'cqo.db');
  if (!existsSync(source)) throw new Error(`备份目录中没有 cqo.db：${from}`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.databaseFile}${suffix}`, { force: true });
  mkdirSync(dirname(paths.databaseFile), { recursive: true, mode: PRIVATE_FOLDER });
  cpSync(source, paths.databaseFile);
  privateFile(paths.databaseFile);
  rmSync(paths.filesDir, { recursive: true, force: true });
  mkdirSync(paths.filesDir, { recursive: true, mode: PRIVATE_FOLDER });
  if (existsSync(join(from, 'files'))) cpSync(join(from, 'files'), paths.filesDir, { recursive: true });
  const restored = open(paths.databaseFile);
  try {
    const keys = await listStorageKeys(restored.db);
    return { missingFiles: keys.filter((k) => !existsSync(fileOf(paths.filesDir, k))) };
  } finally {
    restored.client.close();
  }
}

const usage =
  '用法：备份 npm run backup -- --to <空目录>；恢复（先停止服务）npm run restore -- --from <备份目录>';

if (import.meta.main) {
  keepPrivate();
  const [command, ...rest] = process.argv.slice(2);
  const url = process.env.DATABASE_URL ?? 'file:data/cqo.db';
  if (!url.startsWith('file:')) {
    console.error('只能备份本地 libSQL 文件数据库；Turso 请使用其自带的时间点恢复与导出功能。');
    process.exit(2);
  }
  const paths = {
    databaseFile: resolve(url.slice('file:'.length)),
    filesDir: resolve(process.env.FILES_DIR ?? 'data/files'),
  };
  const option = command === 'backup' ? 'to' : command === 'restore' ? 'from' : undefined;
  let folder: string | undefined;
  try {
    if (option)
      folder = parseArgs({ args: rest, options: { [option]: { type: 'string' } }, strict: true }).values[
        option
      ] as string | undefined;
  } catch {
    // e.g. `npm run backup -- --from x`: a backup never restores.
  }
  if (!option || !folder) {
    console.error(usage);
    process.exit(2);
  }
  try {
    if (command === 'backup') {
      const report = await backup(paths, folder);
      console.log(`已备份到 ${resolve(folder)}：数据库与 ${report.files} 个附件文件（密钥请另行保存）。`);
      if (report.deletedDuringBackup.length)
        console.log(
          `备份期间用户删除了 ${report.deletedDuringBackup.length} 个附件，备份中已一并去掉其记录。`,
        );
      if (report.missingBeforeBackup.length)
        console.warn(
          `注意：${report.missingBeforeBackup.length} 个附件在备份前就缺少文件（已保留记录，下载时显示“未找到该附件”）：\n` +
            report.missingBeforeBackup.join('\n'),
        );
    } else {
      const { missingFiles } = await restore(paths, folder);
      console.log(`已从 ${resolve(folder)} 恢复。请重新启动服务。`);
      if (missingFiles.length)
        console.warn(
          `注意：备份中缺少 ${missingFiles.length} 个附件的文件，恢复已完成；这些附件下载时显示“未找到该附件”，请通知相关企业重新上传：\n` +
            missingFiles.join('\n'),
        );
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
