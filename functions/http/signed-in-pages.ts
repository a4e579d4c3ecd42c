/**
 * The pages of a signed-in visitor carry the header's script; everyone else's carry none. The built pages have no
 * script (content pages ship 0 bytes of JavaScript); their header names the script in `data-signed-in-script`,
 * and both hosts add it here to an HTML page requested with the signed-in cookie (set and cleared with the
 * session, ./session.ts). The two variants of a page differ by cookie, and say so (`Vary: Cookie`).
 */
import { SIGNED_IN_COOKIE } from '../../src/shared/accounts/signed-in.ts';

const scriptOf = /<header class="site-header" data-signed-in-script="(\/_astro\/[\w.-]+\.js)"/;

function signedIn(request: Request): boolean {
  return (request.headers.get('Cookie') ?? '').split(/;\s*/).includes(`${SIGNED_IN_COOKIE}=1`);
}

/**
 * The request to fetch a page with: a signed-in visitor's without its conditional headers, so a copy of the
 * anonymous page that the browser kept is not confirmed (304) and the full page comes back to add the script to.
 */
export function pageRequest(request: Request): Request {
  if (!signedIn(request)) return request;
  const headers = new Headers(request.headers);
  headers.delete('If-None-Match');
  headers.delete('If-Modified-Since');
  return new Request(request, { headers });
}

/** The page as the visitor should get it: with the header's script when signed in. */
export async function signedInPage(request: Request, response: Response): Promise<Response> {
  if (request.method !== 'GET' || !response.headers.get('Content-Type')?.startsWith('text/html'))
    return response;
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Cookie');
  if (!signedIn(request)) return new Response(response.body, { status: response.status, headers });
  const html = await response.text();
  const src = scriptOf.exec(html)?.[1];
  for (const name of ['Content-Length', 'ETag', 'Last-Modified']) headers.delete(name);
  headers.set('Cache-Control', 'private, no-cache');
  const page = src ? html.replace('</head>', `<script type="module" src="${src}"></script></head>`) : html;
  return new Response(page, { status: response.status, headers });
}
