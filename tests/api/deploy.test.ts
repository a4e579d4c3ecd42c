/** The deployment steps this machine can run: migrations against a libSQL HTTP endpoint, as against Turso. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client/web';
import { describe, expect, it } from 'vitest';
import { startLibsqlEndpoint } from '../support/libsql-endpoint.ts';
import { projectRoot } from '../support/server.ts';

describe('deploying the database', () => {
  it('applies the migrations with drizzle-kit over HTTP, as the Turso guide does, and again without change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqo-deploy-'));
    const endpoint = await startLibsqlEndpoint(join(dir, 'remote.db'));
    try {
      const env = { ...process.env, DATABASE_URL: endpoint.url, DATABASE_AUTH_TOKEN: 'unused-locally' };
      // The endpoint runs in this process, so the command must not block it (no spawnSync).
      for (let i = 0; i < 2; i++) {
        const run = await promisify(execFile)('npx', ['drizzle-kit', 'migrate'], { cwd: projectRoot, env });
        expect(run.stdout + run.stderr).toContain('migrations applied successfully');
      }
      const client = createClient({ url: endpoint.url });
      const tables = (await client.execute("select name from sqlite_master where type = 'table'")).rows.map(
        (r) => r[0],
      );
      expect(tables).toEqual(
        expect.arrayContaining([
          'accounts',
          'sessions',
          'enterprises',
          'filings',
          'filing_events',
          'attachments',
        ]),
      );
      client.close();
    } finally {
      await endpoint.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
