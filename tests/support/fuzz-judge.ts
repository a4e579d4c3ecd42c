/**
 * The fuzzer's judgement of an answer: the invariants every answer keeps (never 5xx, refusals in Chinese as
 * `{error:{code,message}}`, a refused request changes nothing, every status and success body documented), plus
 * what the operation's own zod schema says about this request. Also the seeded runner of the properties.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Answer, Request } from './fuzz-exchange.ts';
import { type Input, queryRecord } from './fuzz-inputs.ts';
import { MAX_ATTACHMENT_BYTES, type Operation, openApiDocument, operations } from './fuzz-operations.ts';

export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
export const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const CJK = /[\u4e00-\u9fff]/;
export const KB = 1024;

export const bodyLimit = (op: Operation) =>
  op.multipart
    ? MAX_ATTACHMENT_BYTES + 64 * KB
    : op.method === 'put' && op.path === '/api/filings/{id}'
      ? 256 * KB
      : 64 * KB;

const VALIDATION = '填写的内容有误';
export const isValidation400 = (a: Answer) =>
  a.status === 400 &&
  (String(a.json?.error?.message).startsWith(VALIDATION) ||
    ['请说明附件类别', '请选择要上传的文件'].includes(a.json?.error?.message));
const MIDDLEWARE = new Set(['请先登录', '您的账号没有权限进行此操作']);
/** The request got past the middleware and the validator into the handler's own decisions. */
export const reachedHandler = (a: Answer) =>
  a.status < 300 || (!isValidation400(a) && !MIDDLEWARE.has(a.json?.error?.message));

const seen = new Map<string, Map<number, number>>();
/** The answers the published OpenAPI document lists for the operation. */
let document: ReturnType<typeof openApiDocument> | undefined;
const documentedResponses = (op: Operation): Record<string, unknown> => {
  document ??= openApiDocument();
  const methods = document.paths[op.path] as Record<string, { responses: Record<string, unknown> }>;
  return methods[op.method]?.responses ?? {};
};

export type Expectation = {
  /** Must be refused (4xx). */
  refuse?: boolean;
  /** Exactly this status. */
  status?: number;
  /** Valid input: the validator must not be the one to refuse it. */
  valid?: boolean;
};

/** The invariants every answer keeps, plus what this request expects. */
export function judge(op: Operation, req: Request, a: Answer, e: Expectation, what = '') {
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

export async function check(property: fc.IAsyncProperty<any>, numRuns: number, salt: number) {
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

/** What the route's validator makes of the request: refused by the zod schema, or too large. */
export function oracle(op: Operation, input: Input, req: Request): Expectation {
  if (typeof req.body === 'string' && Buffer.byteLength(req.body) > bodyLimit(op)) return { status: 413 };
  const value =
    input.kind === 'query' ? queryRecord(req.path.split('?')[1] ?? '') : JSON.parse(req.body as string);
  return input.zod.safeParse(value).success ? { valid: true } : { refuse: true };
}

/** The statuses seen per operation (FUZZ_REPORT=1 prints them after each file's tests). */
function reportSeen() {
  if (!process.env.FUZZ_REPORT) return;
  for (const [op, counts] of seen)
    console.log(op.padEnd(56), [...counts].map(([s, n]) => `${s}×${n}`).join(' '));
}

/** After a file's tests: the statuses seen (FUZZ_REPORT), then the world closed. */
export function closeFuzzWorld(fw: { close: () => void } | undefined) {
  reportSeen();
  fw?.close();
}

/**
 * The operations `which` picks, each as [name, operation, place in the whole list]: the seeds of its
 * properties derive from that place, so a file that fuzzes only some operations fuzzes them the same way.
 */
export function numberedOperations(which: (op: Operation) => boolean = () => true) {
  return operations
    .map((op, i) => [`${op.method.toUpperCase()} ${op.path}`, op, i] as const)
    .filter(([, op]) => which(op));
}
