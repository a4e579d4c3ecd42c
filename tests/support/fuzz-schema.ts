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

export function typesOf(s: JsonSchema): string[] {
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
