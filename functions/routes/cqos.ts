/**
 * The public registry (公开查询): anonymous, rate-limited per address, served from the in-memory read model.
 * `GET /api/cqos` searches the listed CQOs, `GET /api/cqos/{filingNo}` verifies one 备案编号 (listed or not,
 * superseded too), `…/qr.svg` is the QR code of its verify page.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { z } from 'zod';
import { cityCodes, enterpriseTypeCodes } from '../../src/shared/labels.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { withRegistry } from '../http/registry-access.ts';
import { validate } from '../http/validate.ts';
import { verifyQrSvg } from '../registry/qr.ts';

/** Forms send empty fields as `name=`: an empty parameter means "not given". */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const cqoListQuery = z.object({
  q: blank(
    z
      .string({ error: '搜索词格式不正确，请只在一个搜索框中填写（多个词用空格分开）' })
      .max(50, '搜索词不能超过 50 个字，请缩短后再查')
      .optional()
      .meta({ description: '姓名、企业名称、备案编号或统一社会信用代码；多个词用空格分开，须同时符合' }),
  ),
  city: blank(z.enum(cityCodes, { error: '市州参数不正确，请从市州列表中选择' }).optional()),
  type: blank(
    z.enum(enterpriseTypeCodes, { error: '企业类型参数不正确，请从企业类型列表中选择' }).optional(),
  ),
  status: blank(
    z.enum(['valid', 'deregistered'], { error: '状态参数不正确，请选择“有效”或“已注销”' }).optional(),
  ),
  page: blank(
    z.coerce
      .number({ error: '页码须为数字' })
      .int('页码须为整数')
      .min(1, '页码从 1 开始')
      .max(100_000, '页码过大，请缩小查询范围')
      .default(1),
  ),
  pageSize: blank(
    z.coerce
      .number({ error: '每页条数须为数字' })
      .int('每页条数须为整数')
      .min(1, '每页至少 1 条')
      .max(100, '每页最多 100 条')
      .default(20),
  ),
});

const notFound = '未找到该备案编号。请核对编号，或按企业名称查询';

/**
 * Every use revalidates (a weak ETag makes an unchanged answer a cheap 304): a withdrawn consent to publish a
 * name, or a deregistration, never lingers in a browser's or a proxy's copy.
 */
const PUBLIC_CACHE = 'public, no-cache';

export const cqos = new Hono<AppEnv>()
  .use(publicRateLimit())
  .use(etag({ weak: true }))
  .get('/', validate('query', cqoListQuery), (c) =>
    withRegistry(c, (registry) => {
      c.header('Cache-Control', PUBLIC_CACHE);
      return c.json(registry.search(c.req.valid('query')));
    }),
  )
  .get('/:filingNo', (c) =>
    withRegistry(c, (registry) => {
      const filingNo = c.req.param('filingNo');
      const found = filingNo.length <= 40 ? registry.find(filingNo) : undefined;
      if (!found) return apiError(c, 404, 'not_found', notFound);
      c.header('Cache-Control', PUBLIC_CACHE);
      return c.json(found);
    }),
  )
  .get('/:filingNo/qr.svg', (c) =>
    withRegistry(c, async (registry) => {
      const deps = c.get('deps');
      const filingNo = c.req.param('filingNo');
      const found = filingNo.length <= 40 ? registry.find(filingNo) : undefined;
      // A replaced number gets no new QR code: the enterprise displays its current one.
      if (!found || found.status === 'superseded') return apiError(c, 404, 'not_found', notFound);
      const origin = deps.origin ?? new URL(c.req.url).origin;
      return c.body(await verifyQrSvg(origin, found.filingNo), 200, {
        'Content-Type': 'image/svg+xml; charset=UTF-8',
        'Cache-Control': 'public, max-age=86400',
      });
    }),
  );
