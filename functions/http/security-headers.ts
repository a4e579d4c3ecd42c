/**
 * Security headers for every response of both hosts, pages and API alike.
 * Scripts come only from our own origin (Astro emits them as files); styles are inlined by the build;
 * 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Returns the response with the security headers set (a copy when its headers are immutable). */
export function withSecurityHeaders(response: Response): Response {
  let res = response;
  try {
    for (const [name, value] of Object.entries(securityHeaders)) res.headers.set(name, value);
  } catch {
    res = new Response(response.body, response);
    for (const [name, value] of Object.entries(securityHeaders)) res.headers.set(name, value);
  }
  return res;
}
