/**
 * Values with exactly one field made hostile: wrong type, missing, extra key, huge, odd Unicode, boundary
 * numbers, null, arrays for objects. Each starts from a valid value of the operation's JSON Schema.
 */
import fc from 'fast-check';
import { type JsonSchema, type Path, RawNumber, typesOf } from './fuzz-schema.ts';

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

const label = (n: Node) => (n.path.length ? n.path.join('.') : '(root)');
const at = (valid: unknown, n: Node, v: unknown, what: string): Mutant => ({
  value: setAt(valid, n.path, () => v),
  what,
});

function wrongType(valid: unknown, node: fc.Arbitrary<Node>): fc.Arbitrary<Mutant> {
  return node.chain((n) =>
    fc
      .constantFrom<unknown>(0, -1, 1.5, true, false, '', '123', 'true', [], {}, [n.value], {
        value: n.value,
      })
      .filter((v) => jsonType(v) !== jsonType(n.value))
      .map((v) => at(valid, n, v, `wrong type at ${label(n)}: ${JSON.stringify(v)}`)),
  );
}

/** Values just outside what the node's schema allows: one character, one item, one unit too many or few. */
function edgesOf(n: Node): unknown[] {
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
  return edges;
}

function justOutside(valid: unknown, node: fc.Arbitrary<Node>): fc.Arbitrary<Mutant> {
  return node.chain((n) => {
    const edges = edgesOf(n);
    return edges.length
      ? fc
          .constantFrom(...edges)
          .map((v) =>
            at(valid, n, v, `just outside the limits at ${label(n)}: ${JSON.stringify(v).slice(0, 60)}`),
          )
      : fc.constant(at(valid, n, null, `null at ${label(n)}`));
  });
}

/** Mutations that apply to any node: wrong type, null, huge string, boundary number, out of limits, array/object swapped. */
function anyNode(valid: unknown, node: fc.Arbitrary<Node>): fc.Arbitrary<Mutant>[] {
  return [
    wrongType(valid, node),
    node.map((n) => at(valid, n, null, `null at ${label(n)}`)),
    fc
      .tuple(node, fc.constantFrom(...hugeStrings))
      .map(([n, huge]) =>
        at(
          valid,
          n,
          huge,
          `huge string (${huge.length} chars of ${JSON.stringify(huge.slice(0, 2))}) at ${label(n)}`,
        ),
      ),
    fc
      .tuple(node, fc.constantFrom(...boundaryNumbers))
      .map(([n, x]) =>
        at(valid, n, x, `number ${x instanceof RawNumber ? x.text : String(x)} at ${label(n)}`),
      ),
    justOutside(valid, node),
    node.map((n) => ({
      value: setAt(valid, n.path, (old) =>
        Array.isArray(old) ? Object.fromEntries(old.map((x, i) => [String(i), x])) : [old],
      ),
      what: `${Array.isArray(n.value) ? 'object for array' : 'array for value'} at ${label(n)}`,
    })),
  ];
}

function oddUnicode(valid: unknown, strings: Node[]): fc.Arbitrary<Mutant> {
  return fc
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
      return at(valid, n, next, `odd Unicode (${how}) at ${label(n)}: ${JSON.stringify(next).slice(0, 60)}`);
    });
}

function extraField(valid: unknown, objects: Node[]): fc.Arbitrary<Mutant> {
  return fc
    .tuple(
      fc.constantFrom(...objects),
      fc.oneof(fc.constantFrom(...extraKeys), fc.string({ maxLength: 8 })),
      fc.constantFrom<unknown>('x', 1, true, null, { a: 1 }, ['y'], 'recognized', 'JL-CQO-2026-9999'),
    )
    .map(([n, key, v]) => ({
      value: setAt(valid, n.path, (old) => withKey(old, key, v)),
      what: `extra field ${JSON.stringify(key)}=${JSON.stringify(v)} at ${label(n)}`,
    }));
}

/** The valid value with exactly one node changed: wrong type, missing, extra key, huge, odd, boundary, null… */
export function oneFieldMutation(valid: unknown, schema: JsonSchema): fc.Arbitrary<Mutant> {
  const nodes = nodesOf(valid, schema);
  const fields = nodes.filter((n) => n.path.length > 0);
  const objects = nodes.filter((n) => jsonType(n.value) === 'object');
  const strings = nodes.filter((n) => typeof n.value === 'string');
  const kinds = anyNode(valid, fc.constantFrom(...nodes));
  if (strings.length) kinds.push(oddUnicode(valid, strings));
  if (fields.length)
    kinds.push(
      fc.constantFrom(...fields).map((n) => ({
        value: setAt(valid, n.path, () => undefined, true),
        what: `missing ${label(n)}${n.inObject ? '' : ' (array item)'}`,
      })),
    );
  if (objects.length) kinds.push(extraField(valid, objects));
  return fc.oneof(...kinds);
}
