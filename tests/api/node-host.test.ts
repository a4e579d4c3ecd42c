/** The Node host's own answers, outside the API: odd URLs, its error page and file types. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let root: string;
let site: ReturnType<typeof createNodeSite>;

beforeAll(async () => {
  database = await tempDatabase();
  // A tiny built site of its own, so these checks do not depend on (or wait for) `npm run build`.
  root = mkdtempSync(join(tmpdir(), 'cqo-site-'));
  writeFileSync(
    join(root, '404.html'),
    '<!doctype html><html lang="zh-CN"><title>未找到页面</title><h1>未找到页面</h1>',
  );
  mkdirSync(join(root, 'duties/templates'), { recursive: true });
  writeFileSync(join(root, 'duties/templates/star-hotel.docx'), 'PK');
  site = createNodeSite(testDeps(database), root);
  site.get('/boom/', () => {
    throw new Error('secret detail at /srv/app/file.ts:12');
  });
});
afterAll(() => {
  database.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('the Node host', () => {
  it('answers the 404 page, not an error, for a URL with a malformed escape', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const path of ['/%E0%A4%A', '/policy/%', '/%ZZ/']) {
        const res = await site.request(path);
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).toContain('未找到页面');
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('answers an unexpected error with a Chinese page that says what to do, and no details', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await site.request('/boom/');
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('请稍后刷新页面重试');
      expect(html).not.toMatch(/secret detail|Internal Server Error|at \S+:\d+/);
      expect(errors).toHaveBeenCalledOnce();
    } finally {
      errors.mockRestore();
    }
  });

  it('serves the duty-list templates as Word documents', async () => {
    const res = await site.request('/duties/templates/star-hotel.docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});
