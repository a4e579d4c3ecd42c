/**
 * The islands' one way to call the API: `call()` awaits a call of the typed client (./client.ts) and answers the
 * successful body, typed by the route; errors become `ApiFailure` with Chinese messages.
 */
import type { ClientResponse, InferResponseType } from 'hono/client';

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** The API's error body (`apiError()`); every route may answer it, so it is taken out of the success types. */
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/**
 * The body of a successful answer: the route's JSON answers without the error shape, and nothing for a 204.
 * (`apiError()` answers with a status that is not a literal type, so `res.ok` cannot narrow the union.)
 */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? T extends ErrorBody
      ? never
      : [S] extends [204]
        ? undefined
        : F extends 'json'
          ? T
          : never
    : never;

/** The body of a route's successful answer, by its client method, e.g. `Answer<Client['api']['events']['$get']>`. */
export type Answer<Method> = Exclude<InferResponseType<Method>, ErrorBody>;

/** What `call()` reads of an answer (a `Response`, or the client's typed view of one). */
type Answered = { status: number; ok: boolean; json(): Promise<unknown> };

async function parse<T>(res: Answered): Promise<T> {
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok || body === null) {
    const error = body?.error;
    throw new ApiFailure(
      res.status,
      error?.code ?? 'network',
      error?.message ?? '服务暂时无法访问，请检查网络后重试',
      error?.fields ?? {},
    );
  }
  return body;
}

async function send<T>(request: Promise<Answered>): Promise<T> {
  let res: Answered;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, 'network', '网络连接失败，请检查网络后重试；您填写的内容仍保留在页面上');
  }
  return parse<T>(res);
}

/**
 * Awaits a client call, e.g. `await call(client.api.filings[':id'].$get({ param: { id } }))`: the successful
 * answer's body, typed by the route, or an `ApiFailure` (network errors included).
 */
export function call<R extends Answered>(request: Promise<R>): Promise<Success<R>> {
  return send<Success<R>>(request);
}

/**
 * A plain GET for an island too small to carry the client (~2 KB gzipped), typed by the route's client method:
 * `get<Client['api']['events']['$get']>('/api/events')`. Same errors as `call()`.
 */
export function get<Method>(path: string): Promise<Answer<Method>> {
  return send<Answer<Method>>(fetch(path, { credentials: 'same-origin' }));
}

/**
 * Uploads one file with progress (fetch, and so the client, has no upload progress; XMLHttpRequest does).
 * `Method` is the route's client method, e.g. `typeof attachments.$post`, and `url` its `attachments.$url()`.
 */
export function upload<Method>(
  url: URL,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<Answer<Method>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': 'application/json' },
      });
      parse<Answer<Method>>(res).then(resolve, reject);
    });
    xhr.addEventListener('error', () => reject(new ApiFailure(0, 'network', '上传失败，请检查网络后重试')));
    xhr.send(form);
  });
}

/** Sends the user to the login page and back here afterwards. */
export function toLogin(): never {
  location.assign(`/account/login/?next=${encodeURIComponent(location.pathname + location.search)}`);
  throw new ApiFailure(401, 'unauthenticated', '请先登录');
}
