/**
 * One fuzzed request against the in-process app, with a guard that tells whether it changed the database or
 * the stored files, and actors kept signed in as themselves whatever the request did to their session.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { type demoWorld, ORIGIN } from './api.ts';

export type Actor = {
  name: string;
  /** The account's role; null for no account. */
  role: string | null;
  city?: string;
  login?: string;
  password?: string;
  cookie?: string;
};

export type Request = {
  actor: Actor;
  method: string;
  path: string;
  body?: string | FormData;
  /** null: no Content-Type header; undefined: the usual one for the body. */
  contentType?: string | null;
  /** Send Content-Length as a real HTTP client would (in-process requests otherwise stream without one). */
  contentLength?: boolean;
};

export type Answer = {
  status: number;
  text: string;
  json: any;
  headers: Headers;
  /** What a refused request must not do: null when the database and the files are as they were. */
  change: string | null;
};

type World = Awaited<ReturnType<typeof demoWorld>>;

const CLEAR = /Max-Age=0|^[^=]+=;/i;

async function login(app: World['app'], actor: Actor) {
  const res = await app.request(`${ORIGIN}/api/auth/login`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: actor.login, password: actor.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie)
    throw new Error(`cannot sign in again as ${actor.name}: ${res.status} ${await res.text()}`);
  actor.cookie = cookie;
}

/** Rows by table (login throttling left out: a wrong password is meant to count). */
async function snapshot(world: World) {
  const tables = (
    await world.database.client.execute(
      "select name from sqlite_master where type = 'table' and name != 'login_throttle' order by name",
    )
  ).rows.map((r) => String(r[0]));
  const out: Record<string, string> = {};
  for (const t of tables)
    out[t] = JSON.stringify(
      (await world.database.client.execute(`select * from "${t}" order by rowid`)).rows,
    );
  return out;
}

function listFiles(root: string) {
  if (!existsSync(root)) return '';
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => `${f}:${statSync(join(root, f)).size}`)
    .join('\n');
}

function headersFor(req: Request): Record<string, string> {
  const headers: Record<string, string> = { Origin: ORIGIN };
  if (req.actor.cookie) headers.Cookie = req.actor.cookie;
  if (req.contentType !== undefined) {
    if (req.contentType !== null) headers['Content-Type'] = req.contentType;
  } else if (req.body !== undefined && !(req.body instanceof FormData))
    headers['Content-Type'] = 'application/json';
  if (req.contentLength && typeof req.body === 'string')
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  return headers;
}

/**
 * Keeps the actor signed in as itself: a logout or an ended session clears the cookie (sign in again next
 * time); a password change hands out a new session and the new password.
 */
function followSession(req: Request, res: Response) {
  const { actor } = req;
  const setCookie = res.headers.get('set-cookie');
  if (!actor.login || !setCookie) return;
  if (CLEAR.test(setCookie)) actor.cookie = undefined;
  else if (req.path === '/api/auth/password' && res.status === 200 && typeof req.body === 'string') {
    actor.cookie = setCookie.split(';')[0];
    actor.password = JSON.parse(req.body).newPassword;
  }
}

/** `exchange` sends one request and says what it changed; `close` ends the guard's own connection. */
export async function guardedExchange(world: World) {
  // A second connection only asks `PRAGMA data_version`, which changes when any other connection commits:
  // a cheap "did anything write?" before comparing whole tables.
  const probe = createClient({ url: `file:${join(world.database.dir, 'test.db')}` });
  const dataVersion = async () => Number((await probe.execute('PRAGMA data_version')).rows[0]?.[0]);
  const filesRoot = process.env.FILES_DIR ?? join(world.database.dir, 'files');
  let known = { version: await dataVersion(), tables: await snapshot(world) };

  /** What changed in the database since `known` was taken, when anything committed since `before`. */
  async function changedTables(before: number): Promise<string[]> {
    const now = await dataVersion();
    if (now === before) return [];
    const after = await snapshot(world);
    const changed = [...new Set([...Object.keys(after), ...Object.keys(known.tables)])]
      .filter((t) => after[t] !== known.tables[t])
      .map((t) => `table ${t}`);
    known = { version: now, tables: after };
    return changed;
  }

  async function exchange(req: Request): Promise<Answer> {
    if (req.actor.login && !req.actor.cookie) await login(world.app, req.actor);
    const v0 = await dataVersion();
    if (v0 !== known.version) known = { version: v0, tables: await snapshot(world) };
    const filesBefore = listFiles(filesRoot);
    const res = await world.app.request(`${ORIGIN}${req.path}`, {
      method: req.method,
      headers: headersFor(req),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {}
    const changes = await changedTables(v0);
    if (listFiles(filesRoot) !== filesBefore) changes.push('stored files');
    followSession(req, res);
    const change = changes.length ? changes.join(', ') : null;
    return { status: res.status, text, json, headers: res.headers, change };
  }

  return { exchange, close: () => probe.close() };
}
