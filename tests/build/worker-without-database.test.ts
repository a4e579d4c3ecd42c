/** The built Worker (dist/server) with no DATABASE_URL: the site still works, the API says why it cannot. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { projectRoot } from '../support/server.ts';

let worker: Awaited<ReturnType<typeof unstable_startWorker>>;

beforeAll(async () => {
  worker = await unstable_startWorker({
    config: join(projectRoot, 'dist/server/wrangler.json'),
    // Empty, whatever a local .dev.vars copied into dist/server says.
    bindings: { DATABASE_URL: { type: 'plain_text', value: '' } },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'none' },
  });
});
afterAll(async () => {
  await worker?.dispose();
});

describe('the Worker without a database configured', () => {
  it('answers /api with a JSON 503 in Chinese that says what to do', async () => {
    for (const path of ['/api/health', '/api/cqos', '/api']) {
      const res = await worker.fetch(`http://127.0.0.1${path}`);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type'), path).toMatch(/application\/json/);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('database_not_configured');
      expect(body.error.message).toContain('请稍后再试');
      expect(body.error.message).toContain('DATABASE_URL');
    }
  });

  it('still serves the static pages', async () => {
    for (const path of ['/', '/policy/', '/duties/templates/star-hotel.docx']) {
      const res = await worker.fetch(`http://127.0.0.1${path}`);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
  });
});
