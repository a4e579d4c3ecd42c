/**
 * Hostile input for every documented operation, derived from its schema: wrong types, missing and extra
 * fields, huge strings, odd Unicode, wrong content types and oversized bodies. The API must never answer 5xx,
 * must refuse in Chinese, and a refused request must leave the database as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod';
import { type Operation, operations } from '../../functions/openapi/operations.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let actors: Client[];
let ids: Record<string, string[]>;

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e反转',
    '𠮷𠮷𠮷',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '../../etc/passwd',
    '%00',
    'null',
    '🙂'.repeat(50),
  ),
  fc.integer({ min: 20_000, max: 70_000 }).map((n) => '长'.repeat(n)),
);
const hostileValue = fc.oneof(
  hostileStrings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

/** Objects shaped like the schema's, with some keys missing, some wrong, some extra. */
function shapedLike(schema: { properties?: Record<string, unknown> } | undefined) {
  const keys = Object.keys(schema?.properties ?? {});
  return fc
    .record({
      keep: fc.subarray(keys),
      wrong: fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue, { maxKeys: 4 }),
      extra: fc.dictionary(
        fc.oneof(
          fc.constantFrom('status', 'filingNo', 'city', 'role', '__proto__', 'constructor', 'createdAt'),
          fc.string(),
        ),
        hostileValue,
        { maxKeys: 3 },
      ),
    })
    .map(({ keep, wrong, extra }) => ({
      ...Object.fromEntries(keep.map((k) => [k, 'x'])),
      ...wrong,
      ...extra,
    }));
}

async function snapshot() {
  const tables = (
    await world.database.client.execute(
      "select name from sqlite_master where type = 'table' and name not in ('login_throttle') order by name",
    )
  ).rows.map((r) => String(r[0]));
  const parts: string[] = [];
  for (const t of tables)
    parts.push(JSON.stringify((await world.database.client.execute(`select * from "${t}"`)).rows));
  return parts.join('\n');
}

function pathFor(op: Operation, pick: (name: string) => string) {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pick(name)));
}

beforeAll(async () => {
  world = await demoWorld();
  const owner = await world.as(world.logins.changchunAgency);
  const draft = (await owner.post('/api/filings', { kind: 'new' })).body;
  const jilin = await world.as(world.logins.jilinScenic);
  const recognized = (await jilin.get('/api/filings')).body.items[0];
  const files = (await (await world.as('jl-city')).get(`/api/filings/${recognized.id}`)).body.attachments;
  actors = [
    world.client(),
    owner,
    jilin,
    await world.as('cc-city'),
    await world.as('province'),
    await world.as('samr'),
    await world.as('admin'),
  ];
  ids = {
    id: [draft.id, recognized.id, 'no-such-id'],
    attachmentId: [files[0]?.id ?? 'none', 'no-such-attachment'],
    filingNo: [recognized.filingNo ?? 'JL-CQO-2026-0001', 'JL-CQO-1999-9999'],
    slug: ['provincial-quality-forum-2027', 'no-such-event'],
    code: ['ABCD-EFGH-JKLM-NPQR'],
  };
});
afterAll(() => world.close());

type Attempt = { actor: number; path: string; body: unknown; contentType: string };

async function attempt(op: Operation, a: Attempt) {
  const before = await snapshot();
  const actor = actors[a.actor % actors.length] as Client;
  const body =
    a.body === undefined ? undefined : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
  const res = await actor.app.request(`http://localhost${a.path}`, {
    method: op.method.toUpperCase(),
    headers: {
      Origin: 'http://localhost',
      'Content-Type': a.contentType,
      ...(actor.cookie ? { Cookie: actor.cookie } : {}),
    },
    body: op.method === 'get' ? undefined : body,
  });
  const text = await res.text();
  expect(res.status, `${op.method} ${a.path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const message = (JSON.parse(text) as { error: { message: string } }).error.message;
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(await snapshot(), `${op.method} ${a.path} was refused but changed the database`).toBe(before);
  }
}

describe('every documented operation under hostile input', () => {
  for (const op of operations) {
    it(`${op.method.toUpperCase()} ${op.path} never fails with 5xx and refuses in Chinese without side effects`, {
      timeout: 120_000,
    }, async () => {
      const bodySchema = op.body
        ? (toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) as {
            properties?: Record<string, unknown>;
          })
        : undefined;
      const querySchema = op.query
        ? (toJSONSchema(op.query, { io: 'input', unrepresentable: 'any' }) as {
            properties?: Record<string, unknown>;
          })
        : undefined;
      const pathArb = fc
        .record({
          pick: fc.func(fc.nat()),
          junk: hostileStrings,
          useJunk: fc.boolean(),
          query: shapedLike(querySchema),
        })
        .map(({ pick, junk, useJunk, query }) => {
          const path = pathFor(op, (name) =>
            useJunk ? junk : ((ids[name] ?? ['x'])[pick(name) % (ids[name]?.length ?? 1)] ?? 'x'),
          );
          const qs = new URLSearchParams(
            Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          ).toString();
          return op.query || op.method === 'get' ? `${path}?${qs}` : path;
        });
      const bodyArb = fc.oneof(
        shapedLike(bodySchema),
        fc.anything(),
        fc.constantFrom('{"unterminated": ', 'not json at all', '[]', 'null', '"just a string"'),
      );
      const contentType = fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=gbk',
      );
      await fc.assert(
        fc.asyncProperty(fc.record({ actor: fc.nat(), path: pathArb, body: bodyArb, contentType }), (a) =>
          attempt(op, a),
        ),
        { numRuns: 30 },
      );
      // An oversized body, once per operation.
      if (op.method !== 'get')
        await attempt(op, {
          actor: 1,
          path: pathFor(op, (n) => ids[n]?.[0] ?? 'x'),
          body: { blob: 'x'.repeat(12 * 1024 * 1024) },
          contentType: 'application/json',
        });
    });
  }
});
