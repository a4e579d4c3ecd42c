/** Shapes of the public registry's answers (公开查询): public fields only, never 身份证号, birth date, phone, e-mail or notes. */
import { z } from 'zod';
import { cityCodes, enterpriseTypeCodes } from '../labels.ts';

/** One listed CQO. Dates are China-time calendar days (YYYY-MM-DD). */
export const publicCqo = z
  .object({
    filingNo: z.string().meta({ description: '备案编号' }),
    name: z.string().nullable().meta({ description: '姓名；本人未同意公开时为 null' }),
    enterpriseName: z.string(),
    uscc: z.string().meta({ description: '统一社会信用代码' }),
    enterpriseType: z.enum(enterpriseTypeCodes),
    grade: z.string().nullable(),
    city: z.enum(cityCodes),
    recognizedAt: z.string().meta({ description: '认定日期 YYYY-MM-DD' }),
    status: z.enum(['valid', 'deregistered']).meta({ description: 'valid 有效；deregistered 已注销' }),
    deregisteredAt: z.string().nullable().meta({ description: '注销日期 YYYY-MM-DD；有效时为 null' }),
  })
  .meta({ id: 'PublicCqo' });
export type PublicCqo = z.infer<typeof publicCqo>;

/**
 * One record as `GET /api/cqos/{filingNo}` answers it: a listed CQO, a valid one whose CQO did not consent to
 * publication (name null, not listed), or a superseded one (已变更: its date, and the enterprise's current public
 * 备案编号 when there is one).
 */
export const cqoRecord = publicCqo
  .extend({
    status: z
      .enum(['valid', 'deregistered', 'superseded'])
      .meta({ description: 'valid 有效；deregistered 已注销；superseded 已变更（已由该企业新的备案替换）' }),
    supersededAt: z.string().nullable().meta({ description: '变更日期 YYYY-MM-DD；未变更时为 null' }),
    currentFilingNo: z
      .string()
      .nullable()
      .meta({ description: '已变更时：该企业现在公开的备案编号；没有公开的备案时为 null' }),
  })
  .meta({ id: 'CqoRecord' });
export type CqoRecord = z.infer<typeof cqoRecord>;

export const publicCqoList = z
  .object({ items: z.array(publicCqo), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'PublicCqoList' });
export type PublicCqoList = z.infer<typeof publicCqoList>;

/** Currently valid CQOs by 市州 and type (every code, zeros included); recognitions in each of the last 24 months. */
export const registryStats = z
  .object({
    total: z.number(),
    byCity: z.array(z.object({ city: z.enum(cityCodes), count: z.number() })),
    byType: z.array(z.object({ type: z.enum(enterpriseTypeCodes), count: z.number() })),
    byMonth: z.array(z.object({ month: z.string().meta({ description: 'YYYY-MM' }), count: z.number() })),
  })
  .meta({ id: 'RegistryStats' });
export type RegistryStats = z.infer<typeof registryStats>;

/** The whole public registry as open data (`/api/open-data/cqos.json`). */
export const openDataRegistry = z
  .object({
    generatedAt: z.string().meta({ format: 'date-time' }),
    licence: z.string(),
    count: z.number(),
    items: z.array(publicCqo),
  })
  .meta({ id: 'OpenDataRegistry' });
export type OpenDataRegistry = z.infer<typeof openDataRegistry>;
