/**
 * Every documented operation, fuzzed from its own schema (the JSON Schema zod writes for the OpenAPI document):
 * valid inputs that reach the domain code, then one field at a time made hostile (wrong type, missing, extra,
 * 100,000 characters, odd Unicode, boundary numbers, null, arrays for objects), real and junk ids in the path,
 * every kind of actor, real multipart uploads, wrong content types, malformed JSON and bodies just over the
 * size limit. The API must never answer 5xx, must refuse in Chinese with `{error:{code,message}}`, and a
 * refused request must leave the database and the stored files as they were. The operation's zod schema is
 * the oracle: what it refuses, the API must refuse too.
 *
 * Deterministic: a fixed seed (FUZZ_SEED to change it, FUZZ_RUNS to multiply the runs, FUZZ_REPORT=1 for
 * the statuses seen per operation).
 */
import fc from 'fast-check';
import { getQueryParams } from 'hono/utils/url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJSONSchema, type z } from 'zod';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { idNumber, mobile, type Random, random, uscc } from '../../functions/demo/synthetic.ts';
import { MAX_ATTACHMENT_BYTES } from '../../functions/files/sniff.ts';
import { openApiDocument } from '../../functions/openapi/document.ts';
import { type Operation, operations } from '../../functions/openapi/operations.ts';
import { fieldLabels } from '../../src/shared/filings/form.ts';
import { cityCodes, enterpriseTypeCodes, gradesOf } from '../../src/shared/labels.ts';
import {
  type Hints,
  type JsonSchema,
  oddStrings,
  oneFieldMutation,
  type Patch,
  RawNumber,
  toJsonText,
  validValue,
} from '../support/fuzz-schema.ts';
import {
  type Actor,
  type Answer,
  type Binding,
  fuzzWorld,
  junkSegments,
  type Request,
} from '../support/fuzz-world.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const CJK = /[\u4e00-\u9fff]/;
const KB = 1024;

let fw: Awaited<ReturnType<typeof fuzzWorld>>;
beforeAll(async () => {
  fw = await fuzzWorld();
}, 60_000);
afterAll(() => {
  if (process.env.FUZZ_REPORT) {
    for (const [op, counts] of seen)
      console.log(op.padEnd(56), [...counts].map(([s, n]) => `${s}×${n}`).join(' '));
  }
  fw?.close();
});

// --- What each operation takes -------------------------------------------------------------------------

const jsonSchemaOf = (schema: z.ZodType) =>
  toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

const seeded = (make: (r: Random) => string) =>
  fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((s) => make(random(s)));
const day = 24 * 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const month = fc
  .record({ y: fc.integer({ min: 1995, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${pad(m)}`);
const date = fc
  .record({
    y: fc.integer({ min: 1995, max: 2026 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const password = fc.string({ minLength: 10, maxLength: 40 });
/** People's names hold letters, spaces and the middle dot only (src/shared/text.ts). */
const personName = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'张王李刘陈伟芳秀英明'), minLength: 1, maxLength: 4 }),
  fc.constantFrom('阿卜杜拉·买买提', 'Zoë Smith'),
);

/** Known-good values for fields whose rule JSON Schema cannot state (check characters, formats). */
const domainHints: Hints = {
  uscc: seeded((r) => uscc(r, r.pick(cityCodes.filter((c) => /^\d{6}$/.test(c))))),
  mobile: seeded(mobile),
  contactPhone: fc.oneof(
    seeded(mobile),
    fc.integer({ min: 0, max: 9_999_999 }).map((n) => `0431-8${pad(n, 7)}`),
  ),
  idNumber: seeded((r) => idNumber(r, '220102', 1960 + r.int(40))),
  email: fc.stringMatching(/^[a-z][a-z0-9]{0,11}@example\.(com|cn)$/),
  from: month,
  to: month,
  appointedOn: date,
  issuedOn: date,
  date,
  level: fc.constantFrom('intermediate', 'senior', 'junior'),
  contactName: personName,
  cqoName: personName,
  legalRep: personName,
  // An attendee's name; an enterprise's name may be any text, a person's name included.
  name: personName,
};

const registrationTypes: Patch = {
  keys: ['uscc', 'type', 'grade'],
  values: fc.constantFrom(...enterpriseTypeCodes).chain((type) => {
    const grades = gradesOf(type);
    return fc
      .constantFrom<string | null>(...(grades.length ? grades : [null]))
      .map((grade): Record<string, unknown> => ({ type, grade }));
  }),
};
const staffCity: Patch = {
  keys: ['role', 'login', 'displayName'],
  values: fc.record({ city: fc.constantFrom(...cityCodes) }),
};
/** Event times in order, with registration open now (so later operations can still register). */
const eventTimes = (now: () => Date): Patch => ({
  keys: ['startsAt', 'endsAt', 'registrationOpens', 'registrationCloses'],
  values: fc
    .record({
      opened: fc.integer({ min: 1, max: 30 }),
      closes: fc.integer({ min: 1, max: 30 }),
      starts: fc.integer({ min: 0, max: 10 }),
      hours: fc.integer({ min: 1, max: 72 }),
      china: fc.boolean(),
    })
    .map(({ opened, closes, starts, hours, china }) => {
      const t = now().getTime();
      const at = (ms: number) =>
        china
          ? `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
          : new Date(ms).toISOString();
      const closeAt = t + closes * day;
      const startAt = closeAt + starts * day;
      return {
        registrationOpens: at(t - opened * day),
        registrationCloses: at(closeAt),
        startsAt: at(startAt),
        endsAt: at(startAt + hours * 3600_000),
      };
    }),
});

type Input = {
  kind: 'json' | 'query';
  schema: JsonSchema;
  zod: z.ZodType;
  /** Valid values; the zod schema has the last word. */
  valid: fc.Arbitrary<unknown>;
  /** Unfiltered, to measure how often the generator hits. */
  raw: fc.Arbitrary<unknown>;
};

async function inputOf(op: Operation): Promise<Input | undefined> {
  const zod = op.body ?? op.query;
  if (!zod) return undefined;
  const kind = op.body ? 'json' : 'query';
  const schema = jsonSchemaOf(zod);
  const hints: Hints = { ...domainHints };
  if (op.path === '/api/auth/login') {
    // Spare accounts only: five wrong passwords lock an account, and the actors must stay able to sign in.
    hints.login = fc.oneof(
      fc.constantFrom('fuzz-target', 'city-220300'),
      fc.string({ minLength: 1, maxLength: 20 }),
    );
    hints.password = fc.oneof(fc.constant(DEMO_PASSWORD), password);
  }
  if (op.path === '/api/auth/password')
    hints.currentPassword = fc.oneof(fc.constant(DEMO_PASSWORD), password);
  if (op.path.endsWith('/actions')) hints['reasons[key]'] = fc.constantFrom(...Object.keys(fieldLabels));
  if (op.path === '/api/cqos')
    hints.q = fc.oneof(fc.constantFrom(...(await fw.registrySamples())), fc.string({ maxLength: 10 }));
  const patches = [registrationTypes, staffCity, eventTimes(fw.world.deps.now)];
  const raw = validValue(schema, { hints, patches });
  const accepts = (v: unknown) => zod.safeParse(kind === 'query' ? queryRecord(queryString(v)) : v).success;
  return { kind, schema, zod, raw, valid: raw.filter(accepts) };
}

// --- Requests ----------------------------------------------------------------------------------------------

function queryString(value: unknown): string {
  const params = new URLSearchParams();
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v])
        params.append(
          k,
          item instanceof RawNumber ? item.text : typeof item === 'string' ? item : JSON.stringify(item),
        );
    }
  else params.append('q', typeof value === 'string' ? value : JSON.stringify(value));
  return params.toString();
}

/** The query as the route's validator sees it (Hono's own parser): one value per key, an array for a repeated one. */
function queryRecord(qs: string) {
  const all = getQueryParams(`http://localhost/?${qs}`) as Record<string, string[]>;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

const pathOf = (op: Operation, binding: Record<string, string>) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => binding[name] ?? 'missing');

/** Who the operation is for, from its documented roles; anyone signed in when it names none. */
function authorizedActors(op: Operation): Actor[] {
  const all = fw.actorList;
  if (!op.roles) return all;
  const roles = op.roles.match(/enterprise|city_tourism|province_tourism|market_regulation|admin/g);
  return roles ? all.filter((a) => a.role && roles.includes(a.role)) : all.filter((a) => a.login);
}

const bodyLimit = (op: Operation) =>
  op.multipart
    ? MAX_ATTACHMENT_BYTES + 64 * KB
    : op.method === 'put' && op.path === '/api/filings/{id}'
      ? 256 * KB
      : 64 * KB;

const VALIDATION = '填写的内容有误';
const isValidation400 = (a: Answer) =>
  a.status === 400 &&
  (String(a.json?.error?.message).startsWith(VALIDATION) ||
    ['请说明附件类别', '请选择要上传的文件'].includes(a.json?.error?.message));
const MIDDLEWARE = new Set(['请先登录', '您的账号没有权限进行此操作']);
/** The request got past the middleware and the validator into the handler's own decisions. */
const reachedHandler = (a: Answer) =>
  a.status < 300 || (!isValidation400(a) && !MIDDLEWARE.has(a.json?.error?.message));

const seen = new Map<string, Map<number, number>>();
/** The answers the published OpenAPI document lists for the operation. */
let document: ReturnType<typeof openApiDocument> | undefined;
const documentedResponses = (op: Operation): Record<string, unknown> => {
  document ??= openApiDocument();
  const methods = document.paths[op.path] as Record<string, { responses: Record<string, unknown> }>;
  return methods[op.method]?.responses ?? {};
};

type Expectation = {
  /** Must be refused (4xx). */
  refuse?: boolean;
  /** Exactly this status. */
  status?: number;
  /** Valid input: the validator must not be the one to refuse it. */
  valid?: boolean;
};

/** The invariants every answer keeps, plus what this request expects. */
function judge(op: Operation, req: Request, a: Answer, e: Expectation, what = '') {
  const key = `${op.method.toUpperCase()} ${op.path}`;
  const counts = seen.get(key) ?? new Map<number, number>();
  counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  seen.set(key, counts);
  const where = `${req.method} ${req.path.slice(0, 160)} as ${req.actor.name}${what ? ` — ${what}` : ''}\n  → ${a.status} ${a.text.slice(0, 300)}`;
  expect(a.status, `5xx: ${where}`).toBeLessThan(500);
  if (e.status !== undefined) expect(a.status, `expected ${e.status}: ${where}`).toBe(e.status);
  if (e.refuse) expect(a.status, `should have been refused: ${where}`).toBeGreaterThanOrEqual(400);
  if (a.status >= 400) {
    const error = a.json?.error;
    expect(a.headers.get('content-type') ?? '', `error not JSON: ${where}`).toMatch(/^application\/json/);
    expect(typeof error?.code === 'string' && error.code.length > 0, `no error code: ${where}`).toBe(true);
    expect(
      typeof error?.message === 'string' && CJK.test(error.message),
      `message not Chinese: ${where}`,
    ).toBe(true);
    for (const [field, message] of Object.entries(error?.fields ?? {}))
      expect(
        typeof message === 'string' && CJK.test(message),
        `message for ${field} not Chinese: ${where}`,
      ).toBe(true);
    expect(a.change, `refused but changed the database: ${where}`).toBeNull();
  }
  expect(Object.keys(documentedResponses(op)), `status not in the OpenAPI document: ${where}`).toContain(
    String(a.status),
  );
  if (e.valid) expect(isValidation400(a), `valid input refused by validation: ${where}`).toBe(false);
  if (a.status < 300) {
    const documented = op.ok[a.status];
    expect(documented, `undocumented success status: ${where}`).not.toBeUndefined();
    if (documented && typeof documented === 'object') {
      const shape = documented.safeParse(a.json);
      expect(
        shape.success,
        `answer does not match the documented schema: ${where}\n${shape.error?.message}`,
      ).toBe(true);
    }
  }
}

async function check(property: fc.IAsyncProperty<any>, numRuns: number, salt: number) {
  const seed = SEED + salt;
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n\nRerun with FUZZ_SEED=${SEED} (this property's seed: ${seed}).`,
      {
        cause: error,
      },
    );
  }
}

/** A pick among things known only when the test runs (ids created by earlier operations, say). */
const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length] as T;

/** Mostly ids that belong to the actor (its filings, its city's), so that valid requests get somewhere. */
const mostly = fc.constantFrom(true, true, true, false);
const bindingFor = (bindings: Binding[], actor: Actor, n: number, own: boolean) => {
  const mine = own ? fw.own(bindings, actor) : [];
  return mine.length ? pick(mine, n) : pick(bindings, n);
};

/**
 * Makes a body fit what the path names (`$` keys of the binding): the event's `updatedAt` as loaded, the
 * registration's event and attendees.
 */
function cohere(value: unknown, binding: Binding, n: number): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = { ...(value as Record<string, unknown>) };
  for (const [key, real] of Object.entries(binding)) {
    const field = key.slice(1);
    if (!key.startsWith('$') || !(field in v) || !real) continue;
    const list = real.split(',');
    v[field] = Array.isArray(v[field]) ? list.slice(0, 1 + (n % list.length)) : real;
  }
  return v;
}

function actorArbitrary(op: Operation) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...authorizedActors(op)) },
    { weight: 1, arbitrary: fc.constantFrom(...fw.actorList) },
  );
}

function jsonRequest(
  op: Operation,
  actor: Actor,
  path: string,
  value: unknown,
  input: Input | undefined,
): Request {
  if (input?.kind === 'query')
    return { actor, method: op.method.toUpperCase(), path: `${path}?${queryString(value)}` };
  return {
    actor,
    method: op.method.toUpperCase(),
    path,
    body: op.method === 'get' ? undefined : input ? toJsonText(value) : undefined,
  };
}

/** What the route's validator makes of the request: refused by the zod schema, or too large. */
function oracle(op: Operation, input: Input, req: Request): Expectation {
  if (typeof req.body === 'string' && Buffer.byteLength(req.body) > bodyLimit(op)) return { status: 413 };
  const value =
    input.kind === 'query' ? queryRecord(req.path.split('?')[1] ?? '') : JSON.parse(req.body as string);
  return input.zod.safeParse(value).success ? { valid: true } : { refuse: true };
}

// --- Uploads -----------------------------------------------------------------------------------------------

const bytes = (s: string) => new TextEncoder().encode(s);
const pdf = bytes('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const file = (content: Uint8Array, name: string, type = '') =>
  new File([content as BlobPart], name, { type });
const goodFiles = [
  file(pdf, '学历证书.pdf', 'application/pdf'),
  file(png, 'scan.PNG', 'image/png'),
  file(jpeg, 'photo.jpg', 'image/jpeg'),
  file(pdf, '../../etc/passwd.pdf'),
  file(pdf, 'a"b\r\nX-Injected: 1.pdf'),
  file(pdf, '\u202eFDP.exe'),
  file(pdf, `${'长'.repeat(300)}.pdf`),
  file(png, 'no-extension', 'text/plain'),
  file(pdf, '🙂\u0000\u200b.pdf'),
];
/** Not PDF, JPEG or PNG by content, whatever the name says. */
const notAllowed = [
  file(bytes('hello, this is text'), '任命文件.pdf', 'application/pdf'),
  file(bytes('MZ\x90\x00\x03\x00\x00\x00'), 'certificate.pdf', 'application/pdf'),
  file(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'scan.png', 'image/png'),
  file(bytes('%pdf-1.4 lower case'), 'scan.pdf'),
  file(bytes('%PDF'), 'short.pdf'),
  file(bytes(' %PDF-1.4'), 'space.pdf'),
  file(bytes('GIF89a'), 'anim.png'),
];
const emptyFile = file(new Uint8Array(0), '空文件.pdf', 'application/pdf');
let bigFiles: { exactly: File; over: File; overLimit: File } | undefined;
function big() {
  if (!bigFiles) {
    const sized = (n: number) => {
      const b = new Uint8Array(n);
      b.set(pdf);
      return b;
    };
    bigFiles = {
      exactly: file(sized(MAX_ATTACHMENT_BYTES), 'exactly-10MB.pdf'),
      over: file(sized(MAX_ATTACHMENT_BYTES + 1), 'just-over-10MB.pdf'),
      overLimit: file(sized(MAX_ATTACHMENT_BYTES + 64 * KB + 1), 'over-the-body-limit.pdf'),
    };
  }
  return bigFiles;
}

type Part = string | File | undefined;
function form(parts: Record<string, Part | Part[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(parts))
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined) data.append(k, item);
  return data;
}

/** A valid multipart body from the operation's schema: its string fields as generated, each binary one a real file. */
function uploadOf(schema: z.ZodType) {
  const json = jsonSchemaOf(schema);
  const binary = new Set(
    Object.entries(json.properties ?? {}).flatMap(([k, p]) => (p.format === 'binary' ? [k] : [])),
  );
  return fc.tuple(validValue(json), fc.constantFrom(...goodFiles)).map(([fields, good]) => {
    const parts: Record<string, Part> = {};
    for (const [k, v] of Object.entries(fields as Record<string, unknown>))
      parts[k] = binary.has(k) ? good : String(v);
    return form(parts);
  });
}

const attachmentKinds = ['degree', 'qualification', 'appointment', 'experience', 'training', 'stamped_form'];

// --- The tests -----------------------------------------------------------------------------------------------

describe('the fuzzer itself', () => {
  it('generates inputs that pass each operation’s own schema', async () => {
    for (const [i, op] of operations.entries()) {
      const input = await inputOf(op);
      if (!input) continue;
      const sample = fc.sample(input.raw, { seed: SEED + i, numRuns: 100 });
      const ok = sample.filter(
        (v) => input.zod.safeParse(input.kind === 'query' ? queryRecord(queryString(v)) : v).success,
      ).length;
      expect(ok, `${op.method} ${op.path}: ${ok}/100 generated inputs valid`).toBeGreaterThanOrEqual(70);
    }
  });
});

describe.each(operations.map((op, i) => [`${op.method.toUpperCase()} ${op.path}`, op, i] as const))(
  '%s',
  (_name, op, index) => {
    const salt = index * 100;
    const method = op.method.toUpperCase();

    it('answers valid input from its schema without 5xx, and it gets past validation', {
      timeout: 60_000,
    }, async () => {
      const input = await inputOf(op);
      const bindings = await fw.realBindings(op);
      let deep = 0;
      await check(
        fc.asyncProperty(
          input?.valid ?? (op.multipart ? uploadOf(op.multipart) : fc.constant(undefined)),
          actorArbitrary(op),
          fc.nat(),
          mostly,
          mostly,
          async (generated, actor, n, own, coherent) => {
            const binding = bindingFor(bindings, actor, n, own);
            const value = coherent ? cohere(generated, binding, n) : generated;
            const path = pathOf(op, binding);
            const req =
              value instanceof FormData
                ? { actor, method, path, body: value }
                : jsonRequest(op, actor, path, value, input);
            const answer = await fw.exchange(req);
            judge(
              op,
              req,
              answer,
              { valid: Boolean(input) },
              `valid input ${JSON.stringify(value)?.slice(0, 200)}`,
            );
            if (reachedHandler(answer)) deep++;
          },
        ),
        runs(op.multipart ? 4 : 12),
        salt + 1,
      );
      expect(
        deep,
        'no valid request reached the handler (all refused by middleware or validation)',
      ).toBeGreaterThan(0);
    });

    if (op.body || op.query)
      it('refuses one hostile field at a time in Chinese and changes nothing', {
        timeout: 60_000,
      }, async () => {
        const input = (await inputOf(op)) as Input;
        const bindings = await fw.realBindings(op);
        await check(
          fc.asyncProperty(
            fc.tuple(actorArbitrary(op), fc.nat(), mostly, mostly).chain(([actor, n, own, coherent]) => {
              const binding = bindingFor(bindings, actor, n, own);
              return input.valid
                .map((v) => (coherent ? cohere(v, binding, n) : v))
                .chain((v) => oneFieldMutation(v, input.schema))
                .map((mutant) => ({ actor, binding, mutant }));
            }),
            async ({ actor, binding, mutant }) => {
              const req = jsonRequest(op, actor, pathOf(op, binding), mutant.value, input);
              judge(op, req, await fw.exchange(req), oracle(op, input, req), mutant.what);
            },
          ),
          runs(30),
          salt + 2,
        );
      });

    it('answers real and junk ids in the path, for every kind of actor', { timeout: 60_000 }, async () => {
      const input = await inputOf(op);
      const bindings = await fw.realBindings(op);
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const junkQuery = fc.dictionary(
        fc.constantFrom('id', 'city', 'status', 'page', '__proto__', 'q', '长'),
        fc.oneof(fc.constantFrom(...oddStrings), fc.string({ maxLength: 20 })),
        { maxKeys: 3 },
      );
      await check(
        fc.asyncProperty(
          input?.valid ?? fc.constant(undefined),
          fc.constantFrom(...fw.actorList),
          fc.nat(),
          fc.array(fc.option(fc.constantFrom(...junkSegments), { freq: 2 }), {
            minLength: names.length,
            maxLength: names.length,
          }),
          junkQuery,
          async (value, actor, n, junk, extra) => {
            const real = pick(bindings, n);
            const binding = Object.fromEntries(names.map((name, i) => [name, junk[i] ?? real[name] ?? 'x']));
            const req = jsonRequest(op, actor, pathOf(op, binding), value, input);
            if (op.method === 'get' && !op.query && Object.keys(extra).length)
              req.path += `?${queryString(extra)}`;
            judge(op, req, await fw.exchange(req), {}, `path ${JSON.stringify(binding).slice(0, 120)}`);
          },
        ),
        runs(names.length ? 14 : 6),
        salt + 3,
      );
    });

    if (op.method !== 'get') {
      it('refuses wrong content types and malformed JSON', { timeout: 60_000 }, async () => {
        const input = await inputOf(op);
        const actor = authorizedActors(op)[0] as Actor;
        const path = pathOf(op, (await fw.realBindings(op))[0] ?? {});
        const valid = input ? toJsonText(fc.sample(input.valid, { seed: SEED + salt, numRuns: 1 })[0]) : '{}';
        const emptyRefused = input ? !input.zod.safeParse({}).success : false;
        const types = [
          null,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'multipart/form-data',
          'application/xml',
          'image/png',
          '*/*',
          'application/json; charset=gbk',
          'application/problem+json',
          'APPLICATION/JSON',
          'application/json; charset=utf-8; boundary=x',
          'application/jsonx',
          'text/json',
        ];
        for (const contentType of types) {
          const req: Request = { actor, method, path, body: valid, contentType };
          const jsonLike =
            contentType !== null &&
            /^application\/([\w.-]+\+)?json$/i.test(contentType.split(';')[0]?.trim() ?? '');
          const e: Expectation = op.multipart
            ? { refuse: true }
            : input && jsonLike
              ? { valid: true }
              : emptyRefused
                ? { refuse: true }
                : {};
          judge(op, req, await fw.exchange(req), e, `Content-Type ${contentType}`);
        }
        // A real form post to a JSON route: the validator sees no JSON at all.
        if (input?.kind === 'json') {
          const fields = JSON.parse(valid) as Record<string, unknown>;
          const body = form(
            Object.fromEntries(
              Object.entries(fields ?? {}).map(([k, v]) => [
                k,
                typeof v === 'string' ? v : JSON.stringify(v),
              ]),
            ),
          );
          const req: Request = { actor, method, path, body };
          judge(
            op,
            req,
            await fw.exchange(req),
            emptyRefused ? { refuse: true } : {},
            'multipart form instead of JSON',
          );
        }
        const malformed = [
          '',
          '{',
          '{"unterminated": ',
          'not json at all',
          "{'single': 'quotes'}",
          '{"a":1}{"b":2}',
          '{"a":1,}',
          '[1,2',
          '\u0000',
          '{"a":"\ud800"',
          `${'['.repeat(20_000)}`,
          `${'{"a":'.repeat(5_000)}1${'}'.repeat(4_999)}`,
        ];
        for (const body of malformed) {
          const req: Request = { actor, method, path, body, contentType: 'application/json' };
          judge(
            op,
            req,
            await fw.exchange(req),
            op.body ? { status: 400 } : op.multipart ? { refuse: true } : {},
            `malformed JSON ${JSON.stringify(body.slice(0, 30))}`,
          );
        }
        // Well-formed JSON that is not what the schema wants at all.
        for (const body of [
          'null',
          '[]',
          '"text"',
          '1e999',
          'true',
          `\ufeff${valid}`,
          `[${valid}]`,
          `${'['.repeat(3000)}${']'.repeat(3000)}`,
        ]) {
          const req: Request = { actor, method, path, body, contentType: 'application/json' };
          const parsed = JSON.parse(body.replace(/^\ufeff/, ''));
          const e: Expectation =
            input?.kind === 'json'
              ? input.zod.safeParse(parsed).success
                ? { valid: true }
                : { refuse: true }
              : {};
          judge(op, req, await fw.exchange(req), e, `JSON ${JSON.stringify(body.slice(0, 30))}`);
        }
      });

      it('answers a body just over its size limit with exactly 413 in Chinese', {
        timeout: 60_000,
      }, async () => {
        const limit = bodyLimit(op);
        const path = pathOf(op, (await fw.realBindings(op))[0] ?? {});
        const padded = (size: number) => {
          const frame = '{"pad":""}';
          return `{"pad":"${'x'.repeat(size - frame.length)}"}`;
        };
        for (const actor of [fw.actors.anonymous, authorizedActors(op)[0] as Actor]) {
          if (!op.multipart) {
            const atLimit: Request = { actor, method, path, body: padded(limit), contentLength: true };
            const answer = await fw.exchange(atLimit);
            judge(op, atLimit, answer, {}, `body of exactly ${limit} bytes`);
            expect(answer.status, `a body of exactly the limit (${limit} bytes) is allowed`).not.toBe(413);
          }
          const over = padded(limit + 1);
          const declared: Request = { actor, method, path, body: over, contentLength: true };
          judge(
            op,
            declared,
            await fw.exchange(declared),
            { status: 413 },
            `body of ${limit + 1} bytes with Content-Length`,
          );
          // Without Content-Length the limit holds as the body is read: every route that reads one.
          const streamed: Request = { actor, method, path, body: over };
          judge(
            op,
            streamed,
            await fw.exchange(streamed),
            op.body && authorizedActors(op).includes(actor) ? { status: 413 } : {},
            `body of ${limit + 1} bytes, streamed`,
          );
        }
      });
    }

    if (op.multipart) {
      it('refuses bad uploads: wrong kind, missing file, non-PDF named .pdf, empty, over 10 MB', {
        timeout: 60_000,
      }, async () => {
        const actor = fw.uploader;
        const path = pathOf(op, { id: fw.uploadDraft });
        const send = async (body: FormData, e: Expectation, what: string, contentType?: string) => {
          const req: Request = { actor, method, path, body, contentType };
          const answer = await fw.exchange(req);
          judge(op, req, answer, e, what);
          return answer;
        };
        // Every good file, odd names included, goes in and comes back out.
        const download = operations.find((o) => o.method === 'get' && o.path.endsWith('{attachmentId}'));
        for (const [i, good] of goodFiles.entries()) {
          const kind = attachmentKinds[i % attachmentKinds.length];
          const added = await send(
            form({ kind, file: good }),
            { status: 201 },
            `file named ${JSON.stringify(good.name.slice(0, 30))}`,
          );
          if (!download) continue;
          const req: Request = { actor, method: 'GET', path: `${path}/${added.json.id}` };
          const back = await fw.exchange(req);
          judge(
            download,
            req,
            back,
            { status: 200 },
            `download of ${JSON.stringify(good.name.slice(0, 30))}`,
          );
          expect(back.headers.get('content-disposition'), 'downloads are attachments').toMatch(
            /^attachment;/,
          );
        }
        for (const kind of [
          'passport',
          'DEGREE',
          'degree\u200b',
          ' degree',
          '',
          '长'.repeat(1000),
          '__proto__',
        ])
          await send(
            form({ kind, file: goodFiles[0] }),
            { status: 400 },
            `wrong kind ${JSON.stringify(kind.slice(0, 20))}`,
          );
        await send(form({ file: goodFiles[0] }), { status: 400 }, 'kind missing');
        await send(form({ kind: goodFiles[0], file: goodFiles[0] }), { status: 400 }, 'kind sent as a file');
        await send(form({ kind: 'degree' }), { status: 400 }, 'file missing');
        // What a browser sends when no file was chosen: a part with an empty file name.
        await send(form({ kind: 'degree', file: file(jpeg, '') }), { status: 400 }, 'file with no name');
        await send(form({ kind: 'degree', file: 'just text' }), { status: 400 }, 'file sent as text');
        await send(form({ kind: 'degree', files: goodFiles[0] }), { status: 400 }, 'file under another name');
        for (const bad of notAllowed)
          await send(form({ kind: 'degree', file: bad }), { status: 415 }, `not allowed: ${bad.name}`);
        await send(form({ kind: 'degree', file: emptyFile }), { status: 422 }, 'an empty file');
        await send(form({ kind: 'degree', file: big().exactly }), { status: 201 }, 'exactly 10 MB');
        await send(form({ kind: 'degree', file: big().over }), { status: 413 }, '10 MB + 1 byte');
        await send(
          form({ kind: 'degree', file: big().overLimit }),
          { status: 413 },
          'over the upload body limit',
        );
        await send(
          form({ kind: 'degree', file: goodFiles[0] }),
          { refuse: true },
          'multipart sent as JSON',
          'application/json',
        );
        await send(
          form({ kind: 'degree', file: goodFiles[0] }),
          { refuse: true },
          'multipart without boundary',
          'multipart/form-data',
        );
        await send(
          form({ kind: 'degree', file: goodFiles[0] }),
          { refuse: true },
          'multipart with a wrong boundary',
          'multipart/form-data; boundary=nope',
        );
      });

      it('answers uploads generated from its schema, good and hostile, for every actor', {
        timeout: 60_000,
      }, async () => {
        const bindings = await fw.realBindings(op);
        const kind = fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...attachmentKinds) },
          { weight: 1, arbitrary: fc.constantFrom(...oddStrings, 'passport', 'DEGREE') },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
        const part = fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...goodFiles) },
          { weight: 2, arbitrary: fc.constantFrom(...notAllowed, emptyFile) },
          {
            weight: 1,
            arbitrary: fc.constantFrom<Part | Part[]>(undefined, 'text', [goodFiles[0], goodFiles[1]]),
          },
        );
        await check(
          fc.asyncProperty(kind, part, actorArbitrary(op), fc.nat(), mostly, async (k, f, actor, n, own) => {
            const path = pathOf(op, bindingFor(bindings, actor, n, own));
            const req: Request = { actor, method, path, body: form({ kind: k, file: f }) };
            const good =
              k !== undefined && attachmentKinds.includes(k) && (f instanceof File || Array.isArray(f));
            const e: Expectation = good ? {} : { refuse: true };
            judge(
              op,
              req,
              await fw.exchange(req),
              e,
              `kind ${JSON.stringify(k)} file ${f instanceof File ? f.name.slice(0, 30) : JSON.stringify(f)}`,
            );
          }),
          runs(16),
          salt + 4,
        );
      });
    }
  },
);
