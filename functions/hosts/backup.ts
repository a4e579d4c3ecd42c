/**
 * Backups of the Node host: `npm run backup -- --to <folder>` writes a consistent copy of the libSQL file
 * (VACUUM INTO, safe while the server runs) and of the uploads folder; `npm run restore -- --from <folder>`
 * puts them back (stop the server first). The ID keys are not copied: keep them in your secret store — without
 * them the stored 身份证号 cannot be read.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';

export type BackupPaths = { databaseFile: string; filesDir: string };

export async function backup(paths: BackupPaths, to: string) {
  mkdirSync(to, { recursive: true });
  const target = join(resolve(to), 'cqo.db');
  if (existsSync(target)) throw new Error(`备份目录中已有 cqo.db：${to}，请换一个空目录`);
  const client = createClient({ url: `file:${paths.databaseFile}` });
  try {
    await client.execute({ sql: 'VACUUM INTO ?', args: [target] });
  } finally {
    client.close();
  }
  if (existsSync(paths.filesDir)) cpSync(paths.filesDir, join(to, 'files'), { recursive: true });
}

export function restore(paths: BackupPaths, from: string) {
  const source = join(resolve(from), 'cqo.db');
  if (!existsSync(source)) throw new Error(`备份目录中没有 cqo.db：${from}`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.databaseFile}${suffix}`, { force: true });
  cpSync(source, paths.databaseFile);
  rmSync(paths.filesDir, { recursive: true, force: true });
  if (existsSync(join(from, 'files'))) cpSync(join(from, 'files'), paths.filesDir, { recursive: true });
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' } } });
  const url = process.env.DATABASE_URL ?? 'file:data/cqo.db';
  if (!url.startsWith('file:')) {
    console.error('只能备份本地 libSQL 文件数据库；Turso 请使用其自带的时间点恢复与导出功能。');
    process.exit(2);
  }
  const paths = {
    databaseFile: resolve(url.slice('file:'.length)),
    filesDir: resolve(process.env.FILES_DIR ?? 'data/files'),
  };
  try {
    if (values.to) {
      await backup(paths, values.to);
      console.log(`已备份到 ${resolve(values.to)}（数据库与附件；密钥请另行保存）。`);
    } else if (values.from) {
      restore(paths, values.from);
      console.log(`已从 ${resolve(values.from)} 恢复。请重新启动服务。`);
    } else {
      console.error('用法：npm run backup -- --to <目录>　或　npm run restore -- --from <目录>');
      process.exit(2);
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
