/**
 * Every operation that takes a body (see fuzz.test.ts for the fuzzer as a whole): wrong content types, a real
 * form post to a JSON route, malformed JSON, well-formed JSON of the wrong shape, and bodies at and just over
 * the size limit. Never 5xx, refused in Chinese, nothing changed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Request } from '../support/fuzz-exchange.ts';
import { form } from '../support/fuzz-files.ts';
import { inputOf } from '../support/fuzz-inputs.ts';
import {
  bodyLimit,
  closeFuzzWorld,
  type Expectation,
  judge,
  numberedOperations,
  SEED,
} from '../support/fuzz-judge.ts';
import { authorizedActors, pathOf } from '../support/fuzz-requests.ts';
import { toJsonText } from '../support/fuzz-schema.ts';
import { type FuzzWorld, fuzzWorld } from '../support/fuzz-world.ts';

let fw: FuzzWorld;
beforeAll(async () => {
  fw = await fuzzWorld();
}, 60_000);
afterAll(() => closeFuzzWorld(fw));

const numbered = numberedOperations((op) => op.method !== 'get');

describe.each(numbered)('%s', (_name, op, index) => {
  const salt = index * 100;
  const method = op.method.toUpperCase();

  it('refuses wrong content types and malformed JSON', { timeout: 60_000 }, async () => {
    const input = await inputOf(fw, op);
    const actor = authorizedActors(fw, op)[0] as Actor;
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
          Object.entries(fields ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
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
    for (const actor of [fw.actors.anonymous, authorizedActors(fw, op)[0] as Actor]) {
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
        op.body && authorizedActors(fw, op).includes(actor) ? { status: 413 } : {},
        `body of ${limit + 1} bytes, streamed`,
      );
    }
  });
});
