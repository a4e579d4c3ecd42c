/** What the public registry accepts (zod): the API validates with these, OpenAPI documents them. */
import { z } from 'zod';
import { cityCodes, enterpriseTypeCodes } from '../labels.ts';

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
