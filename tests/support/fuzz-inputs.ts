/**
 * What each operation takes: valid values generated from the JSON Schema of its zod schema, with known-good
 * values for what JSON Schema cannot state (check characters, event times in order), and its query strings
 * as the route's validator reads them.
 */
import fc from 'fast-check';
import { getQueryParams } from 'hono/utils/url';
import { toJSONSchema, type z } from 'zod';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { idNumber, mobile, type Random, random, uscc } from '../../functions/demo/synthetic.ts';
import { fieldLabels } from '../../src/shared/filings/form.ts';
import { cityCodes, enterpriseTypeCodes, gradesOf } from '../../src/shared/labels.ts';
import type { Operation } from './fuzz-operations.ts';
import { type Hints, type JsonSchema, type Patch, RawNumber, validValue } from './fuzz-schema.ts';
import type { FuzzWorld } from './fuzz-world.ts';

export const jsonSchemaOf = (schema: z.ZodType) =>
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

/** A notification address: an e-mail address or a mobile, whichever `channel` names. */
const notificationAddress: Patch = {
  keys: ['channel', 'address'],
  values: fc.oneof(
    (domainHints.email as fc.Arbitrary<string>).map((address) => ({ channel: 'email', address })),
    (domainHints.mobile as fc.Arbitrary<string>).map((address) => ({ channel: 'sms', address })),
  ),
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

export type Input = {
  kind: 'json' | 'query';
  schema: JsonSchema;
  zod: z.ZodType;
  /** Valid values; the zod schema has the last word. */
  valid: fc.Arbitrary<unknown>;
  /** Unfiltered, to measure how often the generator hits. */
  raw: fc.Arbitrary<unknown>;
};

export async function inputOf(fw: FuzzWorld, op: Operation): Promise<Input | undefined> {
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
  const patches = [registrationTypes, staffCity, eventTimes(fw.world.deps.now), notificationAddress];
  const raw = validValue(schema, { hints, patches });
  const accepts = (v: unknown) => zod.safeParse(kind === 'query' ? queryRecord(queryString(v)) : v).success;
  return { kind, schema, zod, raw, valid: raw.filter(accepts) };
}

export function queryString(value: unknown): string {
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
export function queryRecord(qs: string) {
  const all = getQueryParams(`http://localhost/?${qs}`) as Record<string, string[]>;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}
