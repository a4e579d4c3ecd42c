/** Open data: the whole public registry as CSV and JSON downloads (public fields only). */
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { download } from '../http/download.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { registryOf } from '../registry/index.ts';
import { registryCsv, registryJson } from '../registry/open-data.ts';

/** Public data: cached for an hour. */
const publicFile = (bytes: Uint8Array, contentType: string, fileName: string, asciiName: string) =>
  download(bytes as Uint8Array<ArrayBuffer>, {
    contentType,
    fileName,
    asciiName,
    cache: 'public, max-age=3600',
  });

export const openData = new Hono<AppEnv>()
  .use(publicRateLimit())
  .get('/cqos.csv', async (c) => {
    const registry = await registryOf(c.get('deps').db);
    return publicFile(
      registryCsv(registry),
      'text/csv; charset=UTF-8',
      '吉林省旅游行业首席质量官公开名录.csv',
      'jilin-cqo-registry.csv',
    );
  })
  .get('/cqos.json', async (c) => {
    const registry = await registryOf(c.get('deps').db);
    return publicFile(
      registryJson(registry),
      'application/json; charset=UTF-8',
      '吉林省旅游行业首席质量官公开名录.json',
      'jilin-cqo-registry.json',
    );
  });
