/**
 * Runs in Node before the workerd tests: a libSQL HTTP endpoint over a fresh file, migrated and filled with
 * the demo data through the same code `npm start` uses, so the Worker under test talks to a real database.
 * The Worker runs on the real clock, so the tests register for an event whose window is set around the real
 * now (the announcements' events have fixed windows that a later CI run finds closed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { TestProject } from 'vitest/node';
import { insertEvent } from '../../db/queries/events/events.ts';
import * as schema from '../../db/schema/index.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import { folderStore } from '../../functions/hosts/folder-store.ts';
import { startLibsqlEndpoint } from './libsql-endpoint.ts';
import { workerTestKeys } from './workerd-keys.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlUrl: string;
    /** An event open for registration around the real now, with 3 seats. */
    openEventSlug: string;
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
  const now = Date.now();
  const day = 24 * 3600_000;
  const slug = 'workerd-open-forum';
  await insertEvent(db, {
    id: crypto.randomUUID(),
    slug,
    title: '边缘运行测试论坛',
    kind: 'forum',
    city: '220100',
    venue: '长春市测试会场',
    organizer: '测试主办单位',
    startsAt: new Date(now + 40 * day),
    endsAt: new Date(now + 40 * day + 3 * 3600_000),
    capacity: 3,
    maxPerEnterprise: 3,
    registrationOpens: new Date(now - day),
    registrationCloses: new Date(now + 30 * day),
    sample: false,
    createdAt: new Date(now),
    updatedAt: new Date(now),
  });
  project.provide('libsqlUrl', endpoint.url);
  project.provide('openEventSlug', slug);
  return async () => {
    client.close();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
