/** The islands' one way to call the API: JSON in, JSON out, errors as `ApiFailure` with Chinese messages. */
import type { ApiErrorBody } from '../../shared/api-types.ts';

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

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
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

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'network', '网络连接失败，请检查网络后重试；您填写的内容仍保留在页面上');
  }
  return parse<T>(res);
}

/** Uploads one file with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': 'application/json' },
      });
      parse<T>(res).then(resolve, reject);
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
