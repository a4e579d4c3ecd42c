/**
 * What a reviewer or an enterprise sends to act on a filing (POST /api/filings/{id}/actions): one schema per
 * action, used by the API to validate and by the domain code for its input type.
 */
import { z } from 'zod';
import { dateField, multilineText, optionalText } from '../fields.ts';

const note = optionalText('说明', 500, 'lines').optional();
const reasons = z
  .record(z.string().max(60), multilineText('退回原因', 500))
  .refine((r) => Object.keys(r).length > 0, '请至少写明一项需要修改的内容')
  .refine((r) => Object.keys(r).length <= 30, '退回原因最多 30 项');

/** Every action except submit, which has its own endpoint and no payload. */
export const filingAction = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('withdraw') }).strict(),
    z.object({ action: z.literal('recognize') }).strict(),
    z.object({ action: z.enum(['city_approve', 'province_approve']), note }).strict(),
    z.object({ action: z.enum(['city_return', 'province_return']), reasons, note }).strict(),
    z.object({ action: z.literal('city_reject'), note: multilineText('不予通过的理由', 500) }).strict(),
    z
      .object({
        action: z.literal('record_training'),
        onlineHours: z.number({ error: '在线学时须为数字' }).min(0, '在线学时不能为负数').max(1000),
        date: dateField,
        passed: z.boolean({ error: '请选择专题培训是否合格' }),
        certificateNo: optionalText('证书编号', 50).optional(),
      })
      .strict(),
    z
      .object({
        action: z.enum(['request_deregistration', 'deregister']),
        reason: multilineText('注销原因', 500),
      })
      .strict(),
    // The note says how the CQO asked (e.g. 本人书面申请), when market regulation acts on the CQO's request.
    z.object({ action: z.literal('withdraw_publication_consent'), note }).strict(),
  ],
  { error: '操作类型不正确' },
);

export type FilingActionInput = z.infer<typeof filingAction> | { action: 'submit' };
