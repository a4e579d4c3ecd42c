/**
 * fast-check arbitraries from the JSON Schema that zod writes for an operation (the same schema the OpenAPI
 * document publishes): valid values, and values with exactly one field made hostile.
 *
 * No maintained package does this for fast-check 4 and zod 4 (json-schema-fast-check needs fast-check 1 and
 * faker 4; zod-fast-check needs zod 3 and fast-check < 4), hence this small walker. JSON Schema cannot say
 * what a refinement checks (a 统一社会信用代码's check character, event times in order), so callers pass
 * known-good values per field name (`hints`) and per object shape (`patches`); the operation's zod schema
 * stays the judge of what is valid.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  minProperties?: number;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** Known-good values for string fields by property name; array items use their field's name, record keys `<field>[key]`. */
export type Hints = Record<string, fc.Arbitrary<string>>;
/** Overrides for objects that have all of `keys`: values that only make sense together. */
export type Patch = { keys: string[]; values: fc.Arbitrary<Record<string, unknown>> };

type Options = { hints?: Hints; patches?: Patch[] };

/** A path into a JSON value: property names and array indexes. */
export type Path = (string | number)[];

/** A number written into the JSON text as is (1e999 parses as Infinity; JSON.stringify cannot write it). */
export class RawNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of a value that may hold RawNumber leaves and own `__proto__` keys. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawNumber) {
      raws.push(v.text);
      return `@@raw-${raws.length - 1}@@`;
    }
    return v;
  });
  return raws.reduce((t, raw, i) => t.replace(`"@@raw-${i}@@"`, raw), text ?? 'null');
}

// Mostly characters people type into these forms; no spaces, so a trimmed text keeps its length.
const cjk = [...'吉林省长春市延边朝鲜族自治州旅游服务质量首席官企业景区酒店乡村饭店管理有限公司张王李刘陈'];
const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...cjk) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...'（）-·、，.#_@') },
);

function plainString(min: number, max: number): fc.Arbitrary<string> {
  const upTo = Math.min(max, Math.max(min, 24));
  const usual = fc.string({ unit: textUnit, minLength: min, maxLength: upTo });
  // Now and then exactly as long as allowed: the boundary itself must be accepted.
  return Number.isFinite(max) && max <= 2000
    ? fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: fc.constant('质'.repeat(max)) })
    : usual;
}

const isoTime = fc
  .record({
    at: fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    china: fc.boolean(),
  })
  .map(({ at, china }) =>
    china ? `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00` : at.toISOString(),
  );

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (s.format === 'date-time') return isoTime;
  if (s.format === 'email') return fc.stringMatching(/^[a-z][a-z0-9.]{0,11}@example\.(com|cn)$/).filter(fits);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  return plainString(min, max);
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties || s.additionalProperties !== undefined) return ['object'];
  if (s.items) return ['array'];
  return [];
}

const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values the schema accepts (as far as JSON Schema can say; refinements are up to hints, patches and a filter). */
export function validValue(schema: JsonSchema, options: Options = {}, name = ''): fc.Arbitrary<unknown> {
  const hints = options.hints ?? {};
  const s = schema;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validValue(b, options, name)));
  if (s.allOf?.[0]) return validValue(s.allOf[0], options, name);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, options, name)));
  switch (types[0]) {
    case 'object':
      return objectValue(s, options, name);
    case 'array': {
      const item = s.items ? validValue(s.items, options, name) : anyJson;
      const min = s.minItems ?? 0;
      const max = s.maxItems ?? 4;
      const usual = fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) });
      return max > 4 && max <= 30
        ? fc.oneof(
            { weight: 6, arbitrary: usual },
            { weight: 1, arbitrary: fc.array(item, { minLength: max, maxLength: max }) },
          )
        : usual;
    }
    case 'string': {
      const hint = hints[name];
      return hint ?? stringArbitrary(s);
    }
    case 'integer': {
      const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? -1_000_000);
      const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number': {
      const min = s.minimum ?? -1e6;
      const max = s.maximum ?? 1e6;
      return fc.oneof(
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
        fc.constantFrom(min, max),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return anyJson;
  }
}

function objectValue(s: JsonSchema, options: Options, name: string): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  let value: fc.Arbitrary<Record<string, unknown>>;
  if (keys.length > 0) {
    const model = Object.fromEntries(keys.map((k) => [k, validValue(props[k] as JsonSchema, options, k)]));
    value = fc.record(model, { requiredKeys: s.required ?? [] });
  } else if (typeof s.additionalProperties === 'object') {
    const key =
      options.hints?.[`${name}[key]`] ?? (s.propertyNames ? stringArbitrary(s.propertyNames) : fc.string());
    value = fc.dictionary(key, validValue(s.additionalProperties, options, name), {
      minKeys: s.minProperties ?? 0,
      maxKeys: Math.min(s.maxProperties ?? 4, 4),
    });
  } else value = fc.constant({});
  for (const patch of options.patches ?? []) {
    if (patch.keys.every((k) => keys.includes(k)))
      value = fc.tuple(value, patch.values).map(([v, p]) => ({ ...v, ...p }));
  }
  return value;
}

// --- One field made hostile ---------------------------------------------------------------------------

/** Strings that break naive handling: lone surrogates, direction marks, invisible and combining characters. */
export const oddStrings = [
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\u202e反转\u202c',
  '\u200f\u061c',
  '\u200b',
  '\u200d\u2060',
  '\ufeff',
  '\u0000',
  'a\u0000b',
  '🙂',
  '👨‍👩‍👧‍👦',
  '🇨🇳',
  '𠮷野家',
  'e\u0301\u0301\u0301',
  'Z\u0335\u0321\u0322\u031b\u0317\u0318\u0319\u031c\u031d\u031e',
  '\u3000',
  ' ',
  '\t\r\n',
  '\u2028\u2029',
  '\u0085',
  '１３８００１３８０００',
  'ＡＢＣ',
  '\ufffd\uffff',
  '\u{10ffff}',
  "'; drop table filings; --",
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00%2e%2e',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, meant literally
  '${7*7}{{7*7}}',
];

const HUGE = 100_000;
/** 100,000 characters: ASCII (100 KB), CJK (300 KB in UTF-8) and emoji (surrogate pairs). */
export const hugeStrings = ['a'.repeat(HUGE), '长'.repeat(HUGE), '🙂'.repeat(HUGE / 2)];

const boundaryNumbers: unknown[] = [
  0,
  -1,
  1,
  0.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  new RawNumber('1e999'),
  new RawNumber('-1e999'),
  new RawNumber('1E400'),
  new RawNumber('0.1e-400'),
  new RawNumber('-0'),
  new RawNumber('100000000000000000000000000000000000000000'),
];

const extraKeys = [
  'status',
  'filingNo',
  'city',
  'role',
  'id',
  'enterpriseId',
  'accountId',
  'createdAt',
  'recognizedAt',
  'version',
  'admin',
  'constructor',
  'prototype',
  '__proto__',
  '',
  '长字段',
  '\u200b',
];

export type Node = { path: Path; value: unknown; schema: JsonSchema | undefined; inObject: boolean };

function jsonType(v: unknown) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function matches(s: JsonSchema, v: unknown): boolean {
  if (s.const !== undefined) return s.const === v;
  if (s.enum) return s.enum.includes(v);
  const types = typesOf(s);
  const t = jsonType(v);
  if (types.length && !types.some((x) => x === t || (x === 'integer' && t === 'number'))) return false;
  if (t === 'object' && s.properties) {
    // A discriminated union's branch: its const/enum properties must fit.
    return Object.entries(s.properties).every(([k, p]) =>
      p.const !== undefined || p.enum ? matches(p, (v as Record<string, unknown>)[k]) : true,
    );
  }
  return true;
}

function branchFor(s: JsonSchema | undefined, v: unknown): JsonSchema | undefined {
  const branches = s?.anyOf ?? s?.oneOf;
  if (!branches) return s;
  return branches.find((b) => matches(b, v)) ?? branches[0];
}

/** Every node of a value with the part of the schema that describes it, the root first. */
export function nodesOf(value: unknown, schema: JsonSchema | undefined): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown, s: JsonSchema | undefined, path: Path, inObject: boolean) => {
    const here = branchFor(s, v);
    out.push({ path, value: v, schema: here, inObject });
    if (Array.isArray(v)) for (const [i, item] of v.entries()) walk(item, here?.items, [...path, i], false);
    else if (v && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        const sub =
          here?.properties?.[k] ??
          (typeof here?.additionalProperties === 'object' ? here.additionalProperties : undefined);
        walk(item, sub, [...path, k], true);
      }
  };
  walk(value, schema, [], false);
  return out;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown, remove = false): unknown {
  if (path.length === 0) return replace(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replace(parent[last]);
  return copy;
}

/** An own, enumerable key, even `__proto__` (which an object literal would take as the prototype). */
function withKey(obj: unknown, key: string, value: unknown) {
  const copy = { ...(obj as object) };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export type Mutant = { value: unknown; what: string };

/** The valid value with exactly one node changed: wrong type, missing, extra key, huge, odd, boundary, null… */
export function oneFieldMutation(valid: unknown, schema: JsonSchema): fc.Arbitrary<Mutant> {
  const nodes = nodesOf(valid, schema);
  const fields = nodes.filter((n) => n.path.length > 0);
  const objects = nodes.filter((n) => jsonType(n.value) === 'object');
  const strings = nodes.filter((n) => typeof n.value === 'string');
  const node = fc.constantFrom(...nodes);
  const label = (n: Node) => (n.path.length ? n.path.join('.') : '(root)');
  const kinds: fc.Arbitrary<Mutant>[] = [
    node.chain((n) =>
      fc
        .constantFrom<unknown>(0, -1, 1.5, true, false, '', '123', 'true', [], {}, [n.value], {
          value: n.value,
        })
        .filter((v) => jsonType(v) !== jsonType(n.value))
        .map((v) => ({
          value: setAt(valid, n.path, () => v),
          what: `wrong type at ${label(n)}: ${JSON.stringify(v)}`,
        })),
    ),
    node.map((n) => ({ value: setAt(valid, n.path, () => null), what: `null at ${label(n)}` })),
    fc.tuple(node, fc.constantFrom(...hugeStrings)).map(([n, huge]) => ({
      value: setAt(valid, n.path, () => huge),
      what: `huge string (${huge.length} chars of ${JSON.stringify(huge.slice(0, 2))}) at ${label(n)}`,
    })),
    fc.tuple(node, fc.constantFrom(...boundaryNumbers)).map(([n, x]) => ({
      value: setAt(valid, n.path, () => x),
      what: `number ${x instanceof RawNumber ? x.text : String(x)} at ${label(n)}`,
    })),
    node.chain((n) => {
      const s = n.schema;
      const edges: unknown[] = [];
      if (s?.maxLength !== undefined) edges.push('x'.repeat(s.maxLength + 1), '质'.repeat(s.maxLength + 1));
      if (s?.minLength) edges.push('x'.repeat(s.minLength - 1), ' '.repeat(s.minLength + 1));
      if (s?.maximum !== undefined) edges.push(s.maximum + 1, s.maximum + 0.5);
      if (s?.minimum !== undefined) edges.push(s.minimum - 1, s.minimum - 0.5);
      if (typesOf(s ?? {}).includes('integer')) edges.push(1.5, '1');
      if (Array.isArray(n.value)) {
        const first = n.value[0] ?? 'x';
        if (s?.maxItems !== undefined) edges.push(Array.from({ length: s.maxItems + 1 }, () => first));
        if (s?.minItems) edges.push(n.value.slice(0, s.minItems - 1));
      }
      if (s?.enum || s?.const !== undefined) {
        const known = String(s.const ?? s.enum?.[0] ?? '');
        edges.push(known.toUpperCase(), ` ${known}`, `${known}\u200b`, `${known}x`);
      }
      return edges.length
        ? fc.constantFrom(...edges).map((v) => ({
            value: setAt(valid, n.path, () => v),
            what: `just outside the limits at ${label(n)}: ${JSON.stringify(v).slice(0, 60)}`,
          }))
        : fc.constant({ value: setAt(valid, n.path, () => null), what: `null at ${label(n)}` });
    }),
    node.map((n) => ({
      value: setAt(valid, n.path, (old) =>
        Array.isArray(old) ? Object.fromEntries(old.map((x, i) => [String(i), x])) : [old],
      ),
      what: `${Array.isArray(n.value) ? 'object for array' : 'array for value'} at ${label(n)}`,
    })),
  ];
  if (strings.length)
    kinds.push(
      fc
        .tuple(
          fc.constantFrom(...strings),
          fc.constantFrom(...oddStrings),
          fc.constantFrom('replace', 'prefix', 'suffix', 'middle'),
        )
        .map(([n, odd, how]) => {
          const s = n.value as string;
          const half = Math.floor(s.length / 2);
          const next =
            how === 'replace'
              ? odd
              : how === 'prefix'
                ? odd + s
                : how === 'suffix'
                  ? s + odd
                  : s.slice(0, half) + odd + s.slice(half);
          return {
            value: setAt(valid, n.path, () => next),
            what: `odd Unicode (${how}) at ${label(n)}: ${JSON.stringify(next).slice(0, 60)}`,
          };
        }),
    );
  if (fields.length)
    kinds.push(
      fc.constantFrom(...fields).map((n) => ({
        value: setAt(valid, n.path, () => undefined, true),
        what: `missing ${label(n)}${n.inObject ? '' : ' (array item)'}`,
      })),
    );
  if (objects.length)
    kinds.push(
      fc
        .tuple(
          fc.constantFrom(...objects),
          fc.oneof(fc.constantFrom(...extraKeys), fc.string({ maxLength: 8 })),
          fc.constantFrom<unknown>('x', 1, true, null, { a: 1 }, ['y'], 'recognized', 'JL-CQO-2026-9999'),
        )
        .map(([n, key, v]) => ({
          value: setAt(valid, n.path, (old) => withKey(old, key, v)),
          what: `extra field ${JSON.stringify(key)}=${JSON.stringify(v)} at ${label(n)}`,
        })),
    );
  return fc.oneof(...kinds);
}
