import { Hono } from 'hono';
import { z } from 'zod';
import { filingAction } from '../../src/shared/filings/actions.ts';
import { attachmentKindCodes } from '../../src/shared/filings/form.ts';
import {
  filingCreate,
  filingListQuery,
  filingSave,
  revealRequest,
} from '../../src/shared/filings/requests.ts';
import type { AppEnv } from '../deps.ts';
import { addAttachment, openAttachment, removeAttachment } from '../filings/attachments.ts';
import { act, createFiling, getFiling, listFilings, revealId, saveDraft } from '../filings/service.ts';
import { download } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { refused, respond } from '../http/respond.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

const anyone = ['enterprise', 'city_tourism', 'province_tourism', 'market_regulation'] as const;

export const filings = new Hono<AppEnv>()
  .use(requireRole(...anyone))
  .get('/', validate('query', filingListQuery), async (c) =>
    respond(c, await listFilings(c.get('deps'), signedIn(c), c.req.valid('query'))),
  )
  .post('/', validate('json', filingCreate), async (c) =>
    respond(c, await createFiling(c.get('deps'), signedIn(c), c.req.valid('json').kind), 201),
  )
  .get('/:id', async (c) => respond(c, await getFiling(c.get('deps'), signedIn(c), c.req.param('id'))))
  .put('/:id', validate('json', filingSave), async (c) => {
    const { form, idNumber } = c.req.valid('json');
    return respond(c, await saveDraft(c.get('deps'), signedIn(c), c.req.param('id'), form, idNumber));
  })
  .post('/:id/submit', async (c) =>
    respond(c, await act(c.get('deps'), signedIn(c), c.req.param('id'), { action: 'submit' })),
  )
  .post('/:id/actions', validate('json', filingAction), async (c) =>
    respond(c, await act(c.get('deps'), signedIn(c), c.req.param('id'), c.req.valid('json'))),
  )
  .post('/:id/reveal-id', validate('json', revealRequest), async (c) =>
    respond(c, await revealId(c.get('deps'), signedIn(c), c.req.param('id'), c.req.valid('json').reason)),
  )
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
      return respond(c, result, 201, { field: 'file' });
    },
  )
  .get('/:id/attachments/:attachmentId', async (c) => {
    const { id, attachmentId } = c.req.param();
    const result = await openAttachment(c.get('deps'), signedIn(c), id, attachmentId);
    if (!result.ok) return refused(c, result);
    const { file, stored } = result.value;
    return download(stored.body as BodyInit, {
      contentType: file.contentType,
      fileName: file.fileName,
      asciiName: `${file.id}.${file.fileName.split('.').pop()}`,
      size: stored.size,
    });
  })
  .delete('/:id/attachments/:attachmentId', async (c) => {
    const { id, attachmentId } = c.req.param();
    const result = await removeAttachment(c.get('deps'), signedIn(c), id, attachmentId);
    return result.ok ? c.body(null, 204) : refused(c, result);
  });
