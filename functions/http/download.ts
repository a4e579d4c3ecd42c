/**
 * A file the browser saves instead of showing: `Content-Disposition: attachment` with an ASCII fallback name and
 * the real (Chinese) name, `nosniff`, and `no-store` unless the file is public.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type DownloadOptions = {
  contentType: string;
  /** The name the user sees, e.g. 长春市首席质量官备案汇总表-2026-11-26.xlsx. */
  fileName: string;
  /** The name for clients that ignore `filename*`. */
  asciiName: string;
  /** Cache-Control; private data keeps the default `no-store`. */
  cache?: string;
  size?: number;
};

export function download(body: BodyInit, o: DownloadOptions): Response {
  const headers: Record<string, string> = {
    'Content-Type': o.contentType,
    'Content-Disposition': `attachment; filename="${o.asciiName}"; filename*=UTF-8''${encodeURIComponent(o.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': o.cache ?? 'no-store',
  };
  if (o.size !== undefined) headers['Content-Length'] = String(o.size);
  return new Response(body, { headers });
}
