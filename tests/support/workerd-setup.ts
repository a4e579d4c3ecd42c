/**
 * Runs in Node before the workerd tests: a libSQL HTTP endpoint over a fresh file, migrated and filled with
 * the demo data through the same code `npm start` uses, so the Worker under test talks to a real database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { TestProject } from 'vitest/node';
import * as schema from '../../db/schema/index.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import { folderStore } from '../../functions/hosts/folder-store.ts';
import { startLibsqlEndpoint } from './libsql-endpoint.ts';
import { workerTestKeys } from './workerd-keys.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cqo-workerd-'));
  const endpoint = await startLibsqlEndpoint(join(dir, 'worker.db'));
  const client = createClient({ url: endpoint.url });
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: join(import.meta.dirname, '../../db/migrations') });
  await seedDemo({
    db,
    files: folderStore(join(dir, 'files')),
    idKeys: workerTestKeys,
    now: () => new Date(),
    passwordCost: { N: 1024, r: 8, p: 1 },
  });
  project.provide('libsqlUrl', endpoint.url);
  return async () => {
    client.close();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
