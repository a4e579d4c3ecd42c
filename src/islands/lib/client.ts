/**
 * The typed API client (`hc<AppType>`): paths, parameters, bodies and answers come from the routes themselves.
 * Await its calls with `call()` from ./api.ts. Kept apart from api.ts so that an island which does not use the
 * client (event-seats, on the 5 KB announcement pages) does not load it (~2 KB gzipped).
 */
import { hc } from 'hono/client';
import type { AppType } from '../../../functions/app.ts';

/** Rooted at this page's origin (`$url()` needs an absolute base); cookies go along (same-origin), as before. */
export const client = hc<AppType>(location.origin, { init: { credentials: 'same-origin' } });

export type Client = typeof client;
