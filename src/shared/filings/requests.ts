/**
 * What the filings API accepts besides the form itself (./form.ts) and the actions (./actions.ts): the API
 * validates with these, OpenAPI documents them.
 */
import { z } from 'zod';
import { multilineText } from '../fields.ts';
import { cityCodes } from '../labels.ts';
import { filingDraft } from './form.ts';
import { filingStatusCodes } from './status.ts';

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
  .object({ kind: z.enum(['new', 'change'], { error: '请说明是首次备案还是变更备案' }) })
  .strict();

export const filingSave = z.object({ form: filingDraft, idNumber: z.string().max(30).optional() }).strict();

export const revealRequest = z.object({ reason: multilineText('查看原因', 200) }).strict();

/** The city of a 汇总表 export; a city reviewer's own city is taken whatever this says. */
export const citySummaryQuery = z
  .object({ city: z.enum(cityCodes, { error: '请选择市州' }).optional() })
  .strict();
