/**
 * The demo world as the fuzzer sees it: the actors (anonymous to admin), the real ids to put in paths, and a
 * guard that tells whether a request changed the database or the stored files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { random, uscc } from '../../functions/demo/synthetic.ts';
import type { Operation } from '../../functions/openapi/operations.ts';
import { demoWorld, ORIGIN } from './api.ts';
import { registerEnterprise } from './enterprises.ts';

export type Actor = {
  name: string;
  /** The account's role; null for no account. */
  role: string | null;
  city?: string;
  login?: string;
  password?: string;
  cookie?: string;
};

/** Path parameter values; `$` keys say what they belong to (see realBindings). */
export type Binding = Record<string, string>;

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

/** Path segments no id looks like: encodings that do not decode, traversal, control characters, very long. */
export const junkSegments = [
  'no-such-id',
  '0',
  '-1',
  'null',
  'undefined',
  '1e999',
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AE%C0%AE',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  encodeURIComponent("' or 1=1 --"),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('\u202e反转\u200b'),
  encodeURIComponent('🙂'.repeat(20)),
  encodeURIComponent('长'.repeat(3000)),
  'x'.repeat(10_000),
  encodeURIComponent('JL-CQO-2026-0001\u0000'),
];

const CLEAR = /Max-Age=0|^[^=]+=;/i;

type World = Awaited<ReturnType<typeof demoWorld>>;

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

export async function fuzzWorld() {
  const world = await demoWorld();
  const app = world.app;
  // A second connection only asks `PRAGMA data_version`, which changes when any other connection commits:
  // a cheap "did anything write?" before comparing whole tables.
  const probe = createClient({ url: `file:${join(world.database.dir, 'test.db')}` });
  const dataVersion = async () => Number((await probe.execute('PRAGMA data_version')).rows[0]?.[0]);
  const filesRoot = process.env.FILES_DIR ?? join(world.database.dir, 'files');
  let known = { version: await dataVersion(), tables: await snapshot(world) };

  const enterprise = (login: string, name: string, city: string): Actor => ({
    name,
    role: 'enterprise',
    city,
    login,
    password: DEMO_PASSWORD,
  });
  const staff = (login: string, role: string, city?: string): Actor => ({
    name: login,
    role,
    city,
    login,
    password: DEMO_PASSWORD,
  });
  const actors = {
    anonymous: { name: 'anonymous', role: null } as Actor,
    forged: {
      name: 'forged cookie',
      role: null,
      cookie: `cqo_session=${'A'.repeat(20)}.${'b'.repeat(40)}`,
    } as Actor,
    owner: enterprise(world.logins.changchunAgency, 'enterprise 长春 (draft)', '220100'),
    jilin: enterprise(world.logins.jilinScenic, 'enterprise 吉林 (recognized + change draft)', '220200'),
    // Registered below: an enterprise with no filing yet, so that creating one can succeed, and one whose
    // draft takes the upload cases (odd file names included, which the download then has to serve).
    fresh: enterprise('', 'enterprise 延边 (no filing)', '222400'),
    uploader: enterprise('', 'enterprise 长春 (fresh draft for uploads)', '220100'),
    ccCity: staff('cc-city', 'city_tourism', '220100'),
    jlCity: staff('jl-city', 'city_tourism', '220200'),
    ybCity: staff('city-222400', 'city_tourism', '222400'),
    province: staff('province', 'province_tourism'),
    samr: staff('samr', 'market_regulation'),
    admin: staff('admin', 'admin'),
  };
  const actorList = Object.values(actors);

  /** One request, with the database and the stored files compared before and after. */
  async function exchange(req: Request): Promise<Answer> {
    const { actor } = req;
    if (actor.login && !actor.cookie) await login(app, actor);
    const v0 = await dataVersion();
    if (v0 !== known.version) known = { version: v0, tables: await snapshot(world) };
    const filesBefore = listFiles(filesRoot);
    const headers: Record<string, string> = { Origin: ORIGIN };
    if (actor.cookie) headers.Cookie = actor.cookie;
    const isForm = req.body instanceof FormData;
    if (req.contentType !== undefined) {
      if (req.contentType !== null) headers['Content-Type'] = req.contentType;
    } else if (req.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (req.contentLength && typeof req.body === 'string')
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const res = await app.request(`${ORIGIN}${req.path}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {}
    const changes: string[] = [];
    const v1 = await dataVersion();
    if (v1 !== v0) {
      const after = await snapshot(world);
      for (const t of new Set([...Object.keys(after), ...Object.keys(known.tables)]))
        if (after[t] !== known.tables[t]) changes.push(`table ${t}`);
      known = { version: v1, tables: after };
    }
    if (listFiles(filesRoot) !== filesBefore) changes.push('stored files');
    // Keep the actor signed in as itself: a logout or an ended session clears the cookie (sign in again next
    // time); a password change hands out a new session and the new password.
    const setCookie = res.headers.get('set-cookie');
    if (actor.login && setCookie) {
      if (CLEAR.test(setCookie)) actor.cookie = undefined;
      else if (req.path === '/api/auth/password' && res.status === 200 && typeof req.body === 'string') {
        actor.cookie = setCookie.split(';')[0];
        actor.password = JSON.parse(req.body).newPassword;
      }
    }
    return {
      status: res.status,
      text,
      json,
      headers: res.headers,
      change: changes.length ? changes.join(', ') : null,
    };
  }

  // --- Setup through the API: an enterprise with a fresh draft for the upload cases, one with no filing at
  // all, drafts with attachments in two cities, a spare staff account that account operations may disable.
  const r = random(7_2026);
  const register = async (city: string, name: string) => {
    const client = world.client();
    const login = uscc(r, city);
    await registerEnterprise(client, { uscc: login, name, city, password: DEMO_PASSWORD });
    return { client, login };
  };
  const uploading = await register('220100', '模糊测试上传旅行社有限公司（测试）');
  actors.uploader.login = uploading.login;
  const uploadDraft = (await uploading.client.post('/api/filings', { kind: 'new' })).body.id as string;
  const fresh = await register('222400', '模糊测试延边旅行社有限公司（测试）');
  actors.fresh.login = fresh.login;
  const owner = await world.as(actors.owner.login as string);
  const ownerDraft = (await owner.post('/api/filings', { kind: 'new' })).body.id as string;
  const jilin = await world.as(actors.jilin.login as string);
  const jilinChange = (await jilin.post('/api/filings', { kind: 'change' })).body.id as string;
  if (!ownerDraft || !jilinChange) throw new Error('drafts for the fuzzer could not be made');
  for (const [client, id] of [
    [owner, ownerDraft],
    [jilin, jilinChange],
  ] as const) {
    const pdf = new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], '任命文件.pdf');
    const data = new FormData();
    data.set('kind', 'appointment');
    data.set('file', pdf);
    const added = await client.send('POST', `/api/filings/${id}/attachments`, data);
    if (added.status !== 201) throw new Error(`attachment: ${added.text}`);
  }
  const spare = await (await world.as('admin')).post('/api/accounts', {
    role: 'city_tourism',
    login: 'fuzz-target',
    displayName: '模糊测试备用账号（测试）',
    city: '220300',
    password: DEMO_PASSWORD,
  });
  if (spare.status !== 201) throw new Error(`spare account: ${spare.text}`);

  const rows = async (sql: string) => (await world.database.client.execute(sql)).rows;
  const actorLogins = new Set(actorList.map((a) => a.login).filter(Boolean));
  const firstOfEach = <T>(items: T[], key: (t: T) => string) => {
    const seen = new Set<string>();
    return items.filter((t) => !seen.has(key(t)) && Boolean(seen.add(key(t))));
  };

  /**
   * Real values for each path parameter, read afresh (earlier operations create filings, uploads, events…).
   * Keys starting with `$` are not path parameters but what the values belong to: the owning enterprise's
   * login, the filing's city, an event's `updatedAt`, a registration's event and attendee ids.
   */
  async function realBindings(op: Operation): Promise<Binding[]> {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    if (names.length === 0) return [{}];
    if (names.includes('attachmentId')) {
      const found = await rows(`select t.id, t.filing_id, f.city, a.login from attachments t
        join filings f on f.id = t.filing_id left join accounts a on a.enterprise_id = f.enterprise_id order by t.rowid`);
      const pairs = found.map((t) => ({
        id: String(t.filing_id),
        attachmentId: String(t.id),
        $owner: String(t.login),
        $city: String(t.city),
      }));
      // An attachment under another filing's id must be as unknown as a made-up one.
      const crossed = pairs
        .slice(0, 3)
        .map((p, i) => ({ ...p, id: (pairs[(i + 5) % pairs.length] ?? p).id }));
      return [...firstOfEach(pairs, (p) => p.id), ...pairs.slice(-8), ...crossed];
    }
    if (op.path.startsWith('/api/accounts/')) {
      const accounts = await rows('select id, login, role from accounts order by rowid');
      const others = accounts.filter((a) => !actorLogins.has(String(a.login)));
      const self = accounts.filter((a) => a.login === 'admin');
      return [
        ...others.filter((a) => a.role !== 'enterprise').slice(-6),
        ...others.filter((a) => a.role === 'enterprise').slice(0, 2),
        ...self,
      ].map((a) => ({ id: String(a.id) }));
    }
    if (op.path.startsWith('/api/filings/')) {
      const filings = await rows(`select f.id, f.status, f.city, a.login from filings f
        left join accounts a on a.enterprise_id = f.enterprise_id order by f.rowid`);
      const picked = [
        ...filings.filter((f) => f.login !== null),
        ...firstOfEach(filings, (f) => `${f.status}/${f.city}`).slice(0, 12),
      ];
      return firstOfEach(picked, (f) => String(f.id)).map((f) => ({
        id: String(f.id),
        $owner: String(f.login),
        $city: String(f.city),
      }));
    }
    if (names[0] === 'filingNo') {
      const nos = await rows(
        'select filing_no, status from filings where filing_no is not null order by rowid',
      );
      const values = firstOfEach(nos, (f) => String(f.status)).map((f) => String(f.filing_no));
      return [...values, ...values.slice(0, 1).map((v) => v.toLowerCase())].map((filingNo) => ({ filingNo }));
    }
    if (names[0] === 'slug') {
      const events = await rows('select slug, updated_at from events order by rowid');
      return [
        ...events.map((e) => ({
          slug: String(e.slug),
          $updatedAt: new Date(Number(e.updated_at)).toISOString(),
        })),
        { slug: 'Provincial-Quality-Forum-2027' },
      ];
    }
    if (names[0] === 'code') {
      const found =
        await rows(`select r.code, a.login, e.slug, group_concat(t.id) as attendees from registrations r
        join accounts a on a.id = r.account_id join events e on e.id = r.event_id
        left join attendees t on t.registration_id = r.id group by r.id order by r.rowid`);
      return found.flatMap((f, i) => {
        const code = String(f.code);
        const shown = code.match(/.{1,4}/g)?.join('-') ?? code;
        const meta = {
          $owner: String(f.login),
          $event: String(f.slug),
          $attendeeIds: String(f.attendees ?? ''),
        };
        // As shown (grouped), as typed without dashes, and in lower case.
        const forms = i === 0 ? [shown, code, shown.toLowerCase()] : [shown];
        return forms.map((c) => ({ code: c, ...meta }));
      });
    }
    return [{}];
  }

  /** The bindings that belong to the actor: its own filings and registrations, its city's filings. */
  function own(bindings: Binding[], actor: Actor) {
    if (actor.role === 'enterprise') return bindings.filter((b) => b.$owner === actor.login);
    if (actor.role === 'city_tourism') return bindings.filter((b) => b.$city === actor.city);
    return bindings;
  }

  return {
    world,
    actors,
    actorList,
    uploader: actors.uploader,
    uploadDraft,
    exchange,
    realBindings,
    own,
    registrySamples: async () =>
      (
        await rows(
          'select filing_no, cqo_name, enterprise_name, uscc from filings where filing_no is not null order by rowid limit 5',
        )
      ).flatMap((f) => [String(f.filing_no), String(f.cqo_name), String(f.enterprise_name), String(f.uscc)]),
    close: () => {
      probe.close();
      world.close();
    },
  };
}
