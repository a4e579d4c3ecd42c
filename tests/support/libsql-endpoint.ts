/**
 * Test tooling only (never imported by app code): a local libSQL HTTP endpoint for the Worker under test.
 * `tursodb --sync-server` speaks Hrana over HTTP but only knows `execute` and `batch`: it rejects the `close`,
 * `get_autocommit`, `store_sql` and `close_sql` requests that `@libsql/client/web` sends. This proxy answers
 * those itself (tracking BEGIN/COMMIT/ROLLBACK for autocommit, inlining stored SQL) and forwards the rest. tursodb has one shared connection, so tests that
 * use it run one request at a time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

type HranaRequest = { type: string };
type Pipeline = { baton?: string | null; requests: HranaRequest[] };

const tursodbPath = () =>
  join(
    dirname(createRequire(import.meta.url).resolve('@tursodatabase/cli-linux-x64-gnu/package.json')),
    'tursodb',
  );

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

async function waitFor(url: string, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ requests: [] }),
        headers: { 'Content-Type': 'application/json' },
      });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`libSQL endpoint at ${url} did not start`);
}

export type LibsqlEndpoint = { url: string; stop: () => Promise<void> };

/** Starts tursodb on `file` and the close-dropping proxy in front of it; `url` is the proxy's. */
export async function startLibsqlEndpoint(file: string): Promise<LibsqlEndpoint> {
  const backendPort = await freePort();
  const child: ChildProcess = spawn(
    tursodbPath(),
    ['--quiet', '--sync-server', `127.0.0.1:${backendPort}`, file],
    { stdio: 'ignore' },
  );
  const backend = `http://127.0.0.1:${backendPort}`;
  await waitFor(`${backend}/v2/pipeline`);

  let inTransaction = false;
  const track = (sql: string | undefined) => {
    if (!sql) return;
    if (/^\s*BEGIN/i.test(sql)) inTransaction = true;
    if (/^\s*(COMMIT|END|ROLLBACK)\b/i.test(sql)) inTransaction = false;
  };
  const stored = new Map<number, string>();
  type Stmt = { sql?: string; sql_id?: number };
  type Req = HranaRequest & {
    stmt?: Stmt;
    batch?: { steps: { stmt: Stmt }[] };
    sql_id?: number;
    sql?: string;
  };
  const inline = (stmt: Stmt | undefined) => {
    if (stmt && stmt.sql_id !== undefined) {
      stmt.sql = stored.get(stmt.sql_id);
      delete stmt.sql_id;
    }
  };
  const local = (r: Req) => {
    if (r.type === 'store_sql' && r.sql_id !== undefined && r.sql !== undefined) stored.set(r.sql_id, r.sql);
    if (r.type === 'close_sql' && r.sql_id !== undefined) stored.delete(r.sql_id);
    if (r.type === 'get_autocommit')
      return { type: 'ok', response: { type: 'get_autocommit', is_autocommit: !inTransaction } };
    return { type: 'ok', response: { type: r.type } };
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const pipeline = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{"requests":[]}') as Pipeline;
    const results: unknown[] = [];
    // Forward runs of supported requests in order; answer the others locally between them.
    let run: HranaRequest[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const upstream = await fetch(`${backend}/v2/pipeline`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ baton: null, requests: run }),
      });
      const text = await upstream.text();
      if (!upstream.ok) throw new Error(text);
      for (const r of run) {
        const req = r as Req;
        track(req.stmt?.sql);
        for (const step of req.batch?.steps ?? []) track(step.stmt.sql);
      }
      results.push(...(JSON.parse(text) as { results: unknown[] }).results);
      run = [];
    };
    try {
      for (const r of pipeline.requests as Req[]) {
        if (r.type === 'close' && inTransaction) {
          // Closing a stream rolls back its open transaction; tursodb's one shared connection must do the same.
          run.push({ type: 'execute', stmt: { sql: 'ROLLBACK' } } as Req);
          await flush();
          results.pop();
          results.push(local(r));
        } else if (r.type === 'execute' || r.type === 'batch') {
          inline(r.stmt);
          for (const step of r.batch?.steps ?? []) inline(step.stmt);
          run.push(r);
        } else {
          await flush();
          results.push(local(r));
        }
      }
      await flush();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ baton: inTransaction ? 'tx' : null, base_url: null, results }));
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      child.kill('SIGTERM');
    },
  };
}
