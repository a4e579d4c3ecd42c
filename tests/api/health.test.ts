import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

describe('GET /api/health on the Node host', () => {
  it('answers 200 JSON after checking the database', async () => {
    const res = await fetch(`${site.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers 503 with a Chinese message when the database is gone', async () => {
    site.database.client.close();
    const res = await fetch(`${site.url}/api/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('数据库暂时无法连接');
    // It says what to do, not only what went wrong.
    expect(body.error.message).toContain('请稍后再试');
    expect(body.error.message).toContain('DATABASE_URL');
  });
});

describe('unknown API paths', () => {
  it('answer 404 JSON in Chinese, not an HTML page', async () => {
    const res = await fetch(`${site.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: '未找到该接口，请核对地址' } });
  });
});
