/** What the public registry islands (lookup, verify, statistics) share: the record's shape, wording and one GET. */

import type { ClientRequestOptions } from 'hono/client';
import { formatDay } from '../../shared/formats.ts';
import { enterpriseTypeName } from '../../shared/labels.ts';
import type { CqoRecord, PublicCqo } from '../../shared/registry/answers.ts';
import { ApiFailure, type Success } from '../lib/api.ts';

/** Filing numbers travel in URL paths, so only these characters are accepted (e.g. JL-CQO-2026-0001). */
export const filingNoPattern = /^[A-Za-z0-9-]{1,40}$/;

export function verifyPath(filingNo: string): string {
  return `/verify/${encodeURIComponent(filingNo)}/`;
}

/** A级旅游景区 · 5A, or just 旅行社 when the type has no grade. */
export function typeAndGrade(cqo: Pick<PublicCqo, 'enterpriseType' | 'grade'>): string {
  const type = enterpriseTypeName(cqo.enterpriseType);
  return cqo.grade ? `${type} · ${cqo.grade}` : type;
}

/** 有效, 已注销（2026年5月1日） or 已变更（…）: words carry the status, colour only repeats it. */
export function statusText(
  cqo: Pick<PublicCqo, 'deregisteredAt'> & { status: CqoRecord['status']; supersededAt?: string | null },
): string {
  if (cqo.status === 'valid') return '有效';
  if (cqo.status === 'superseded')
    return cqo.supersededAt ? `已变更（${formatDay(cqo.supersededAt)}）` : '已变更';
  return cqo.deregisteredAt ? `已注销（${formatDay(cqo.deregisteredAt)}）` : '已注销';
}

type Fetched = { status: number; ok: boolean; headers: Headers; json(): Promise<unknown> };

/**
 * GETs JSON from the public API through the typed client, e.g.
 * `getJson((o) => client.api.stats.$get(undefined, o))`, and answers the body typed by the route. Failures
 * become `ApiFailure` with a Chinese message that says what to do; a 429 names the wait from Retry-After. An
 * aborted request rethrows the AbortError for the caller to ignore.
 */
export async function getJson<R extends Fetched>(
  request: (options: ClientRequestOptions) => Promise<R>,
  options: { signal?: AbortSignal; cache?: RequestCache } = {},
): Promise<Success<R>> {
  const { signal, cache } = options;
  let res: R;
  try {
    res = await request({ headers: { Accept: 'application/json' }, init: { signal, cache } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiFailure(0, 'network', '网络连接失败，请检查网络后重试。');
  }
  if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After'));
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` ${Math.ceil(seconds)} 秒后` : '稍等片刻';
    throw new ApiFailure(429, 'too_many_requests', `查询太频繁了，请${wait}再试。`);
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: Record<string, string> };
  } | null;
  if (!res.ok || body === null) {
    throw new ApiFailure(
      res.status,
      body?.error?.code ?? 'unavailable',
      body?.error?.message ?? '查询服务暂时无法访问，请稍后重试。',
      body?.error?.fields ?? {},
    );
  }
  return body as Success<R>;
}
