/**
 * Every documented operation, fuzzed from its own schema (the JSON Schema zod writes for the OpenAPI document):
 * valid inputs that reach the domain code, then one field at a time made hostile (wrong type, missing, extra,
 * 100,000 characters, odd Unicode, boundary numbers, null, arrays for objects), real and junk ids in the path,
 * every kind of actor, real multipart uploads, wrong content types, malformed JSON and bodies just over the
 * size limit. The API must never answer 5xx, must refuse in Chinese with `{error:{code,message}}`, and a
 * refused request must leave the database and the stored files as they were. The operation's zod schema is
 * the oracle: what it refuses, the API must refuse too.
 *
 * This file: valid input, one hostile field at a time, real and junk ids in the path. fuzz-bodies.test.ts
 * sends wrong content types, malformed JSON and bodies over the limit; fuzz-uploads.test.ts real uploads.
 *
 * Deterministic: a fixed seed (FUZZ_SEED to change it, FUZZ_RUNS to multiply the runs, FUZZ_REPORT=1 for
 * the statuses seen per operation).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadOf } from '../support/fuzz-files.ts';
import { type Input, inputOf, queryRecord, queryString } from '../support/fuzz-inputs.ts';
import {
  check,
  closeFuzzWorld,
  judge,
  numberedOperations,
  oracle,
  reachedHandler,
  runs,
  SEED,
} from '../support/fuzz-judge.ts';
import { oddStrings, oneFieldMutation } from '../support/fuzz-mutation.ts';
import { operations } from '../support/fuzz-operations.ts';
import {
  actorArbitrary,
  bindingFor,
  cohere,
  jsonRequest,
  mostly,
  pathOf,
  pick,
} from '../support/fuzz-requests.ts';
import { type FuzzWorld, fuzzWorld, junkSegments } from '../support/fuzz-world.ts';

let fw: FuzzWorld;
beforeAll(async () => {
  fw = await fuzzWorld();
}, 60_000);
afterAll(() => closeFuzzWorld(fw));

const numbered = numberedOperations();

describe('the fuzzer itself', () => {
  it('generates inputs that pass each operation’s own schema', async () => {
    for (const [i, op] of operations.entries()) {
      const input = await inputOf(fw, op);
      if (!input) continue;
      const sample = fc.sample(input.raw, { seed: SEED + i, numRuns: 100 });
      const ok = sample.filter(
        (v) => input.zod.safeParse(input.kind === 'query' ? queryRecord(queryString(v)) : v).success,
      ).length;
      expect(ok, `${op.method} ${op.path}: ${ok}/100 generated inputs valid`).toBeGreaterThanOrEqual(70);
    }
  });
});

describe.each(numbered)('%s', (_name, op, index) => {
  const salt = index * 100;
  const method = op.method.toUpperCase();

  it('answers valid input from its schema without 5xx, and it gets past validation', {
    timeout: 60_000,
  }, async () => {
    const input = await inputOf(fw, op);
    const bindings = await fw.realBindings(op);
    let deep = 0;
    await check(
      fc.asyncProperty(
        input?.valid ?? (op.multipart ? uploadOf(op.multipart) : fc.constant(undefined)),
        actorArbitrary(fw, op),
        fc.nat(),
        mostly,
        mostly,
        async (generated, actor, n, own, coherent) => {
          const binding = bindingFor(fw, bindings, actor, n, own);
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
      const input = (await inputOf(fw, op)) as Input;
      const bindings = await fw.realBindings(op);
      await check(
        fc.asyncProperty(
          fc.tuple(actorArbitrary(fw, op), fc.nat(), mostly, mostly).chain(([actor, n, own, coherent]) => {
            const binding = bindingFor(fw, bindings, actor, n, own);
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
    const input = await inputOf(fw, op);
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
});
