import { Hono } from 'hono';
import { z } from 'zod';
import { listFilings } from '../../db/queries/filings/filings.ts';
import { multilineText } from '../../src/shared/fields.ts';
import { filingAction } from '../../src/shared/filings/actions.ts';
import { attachmentKindCodes, filingDraft } from '../../src/shared/filings/form.ts';
import { filingStatusCodes } from '../../src/shared/filings/status.ts';
import { cityCodes } from '../../src/shared/labels.ts';
import type { AppEnv } from '../deps.ts';
import { addAttachment, openAttachment, removeAttachment } from '../filings/attachments.ts';
import { summarize } from '../filings/present.ts';
import { scopeOf } from '../filings/rules.ts';
import { act, createFiling, getFiling, revealId, saveDraft } from '../filings/service.ts';
import { download } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const filingListQuery = z
  .object({
    status: z.enum(filingStatusCodes, { error: '状态参数不正确' }).optional(),
    city: z.enum(cityCodes, { error: '市州参数不正确' }).optional(),
    q: z.string().max(50, '搜索词不能超过 50 个字').optional(),
    /** `true`: only recognized filings whose enterprise asked for deregistration, still to be handled. */
    deregistrationRequested: z
      .enum(['true', 'false'], { error: '注销申请参数须为 true 或 false' })
      .optional(),
    page: z.coerce.number({ error: '页码须为数字' }).int().min(1, '页码从 1 开始').max(10_000).default(1),
    pageSize: z.coerce
      .number({ error: '每页条数须为数字' })
      .int()
      .min(1)
      .max(100, '每页最多 100 条')
      .default(20),
  })
  .strict();

export const filingCreate = z
  .object({ kind: z.enum(['new', 'change'], { error: '请说明是新备案还是变更' }) })
  .strict();

export const filingSave = z.object({ form: filingDraft, idNumber: z.string().max(30).optional() }).strict();

export const revealRequest = z.object({ reason: multilineText('查看原因', 200) }).strict();

const anyone = ['enterprise', 'city_tourism', 'province_tourism', 'market_regulation'] as const;

export const filings = new Hono<AppEnv>()
  .use(requireRole(...anyone))
  .get('/', validate('query', filingListQuery), async (c) => {
    const me = signedIn(c);
    const scope = scopeOf(me);
    if (!scope) return apiError(c, 403, 'forbidden', '您的账号没有备案查看权限');
    const query = c.req.valid('query');
    const result = await listFilings(c.get('deps').db, scope, {
      ...query,
      deregistrationRequested: query.deregistrationRequested === 'true',
    });
    return c.json({
      items: result.items.map(summarize),
      total: result.total,
      page: query.page,
      pageSize: query.pageSize,
      counts: result.counts,
      deregistrationRequests: result.deregistrationRequests,
    });
  })
  .post('/', validate('json', filingCreate), async (c) => {
    const result = await createFiling(c.get('deps'), signedIn(c), c.req.valid('json').kind);
    return result.ok ? c.json(result.value, 201) : apiError(c, result.status, result.code, result.message);
  })
  .get('/:id', async (c) => {
    const result = await getFiling(c.get('deps'), signedIn(c), c.req.param('id'));
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .put('/:id', validate('json', filingSave), async (c) => {
    const { form, idNumber } = c.req.valid('json');
    const result = await saveDraft(c.get('deps'), signedIn(c), c.req.param('id'), form, idNumber);
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .post('/:id/submit', async (c) => {
    const result = await act(c.get('deps'), signedIn(c), c.req.param('id'), { action: 'submit' });
    return result.ok
      ? c.json(result.value)
      : apiError(c, result.status, result.code, result.message, result.fields);
  })
  .post('/:id/actions', validate('json', filingAction), async (c) => {
    const result = await act(c.get('deps'), signedIn(c), c.req.param('id'), c.req.valid('json'));
    return result.ok
      ? c.json(result.value)
      : apiError(c, result.status, result.code, result.message, result.fields);
  })
  .post('/:id/reveal-id', validate('json', revealRequest), async (c) => {
    const result = await revealId(c.get('deps'), signedIn(c), c.req.param('id'), c.req.valid('json').reason);
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .post(
    '/:id/attachments',
    // The size limit is checked before this by limitBodies (functions/http/body-limit.ts).
    async (c) => {
      const body = await c.req.parseBody().catch(() => null);
      const kind = z.enum(attachmentKindCodes).safeParse(body?.kind);
      const file = body?.file;
      if (!kind.success) return apiError(c, 400, 'invalid', '请说明附件类别', { kind: '请说明附件类别' });
      if (!(file instanceof File))
        return apiError(c, 400, 'invalid', '请选择要上传的文件', { file: '请选择要上传的文件' });
      const result = await addAttachment(c.get('deps'), signedIn(c), c.req.param('id'), kind.data, file);
      return result.ok
        ? c.json(result.value, 201)
        : apiError(c, result.status, result.code, result.message, { file: result.message });
    },
  )
  .get('/:id/attachments/:attachmentId', async (c) => {
    const result = await openAttachment(
      c.get('deps'),
      signedIn(c),
      c.req.param('id'),
      c.req.param('attachmentId'),
    );
    if (!result.ok) return apiError(c, result.status, result.code, result.message);
    const { file, stored } = result.value;
    return download(stored.body as BodyInit, {
      contentType: file.contentType,
      fileName: file.fileName,
      asciiName: `${file.id}.${file.fileName.split('.').pop()}`,
      size: stored.size,
    });
  })
  .delete('/:id/attachments/:attachmentId', async (c) => {
    const result = await removeAttachment(
      c.get('deps'),
      signedIn(c),
      c.req.param('id'),
      c.req.param('attachmentId'),
    );
    return result.ok ? c.body(null, 204) : apiError(c, result.status, result.code, result.message);
  });
