import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { openApiDocument } from '../openapi/document.ts';
import { referencePage } from '../openapi/reference.ts';

let cachedDocument: ReturnType<typeof openApiDocument> | undefined;

/** `GET /api/openapi.json` and the readable `GET /api/reference`. */
export const docs = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    cachedDocument ??= openApiDocument();
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(cachedDocument);
  })
  .get('/reference', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(referencePage());
  });
