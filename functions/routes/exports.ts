import { Hono } from 'hono';
import { z } from 'zod';
import { formatNumericDate } from '../../src/shared/formats.ts';
import { cityCodes, cityName } from '../../src/shared/labels.ts';
import type { AppEnv } from '../deps.ts';
import { citySummary, registryExport } from '../filings/exports.ts';
import { download, XLSX_TYPE } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const citySummaryQuery = z
  .object({ city: z.enum(cityCodes, { error: '请选择市州' }).optional() })
  .strict();

export const exports = new Hono<AppEnv>()
  .get(
    '/city-summary.xlsx',
    requireRole('city_tourism', 'province_tourism', 'market_regulation'),
    validate('query', citySummaryQuery),
    async (c) => {
      const me = signedIn(c);
      // A city reviewer always gets its own city, whatever the query says.
      const city = me.role === 'city_tourism' ? me.city : c.req.valid('query').city;
      if (!city) return apiError(c, 400, 'invalid', '请选择要导出的市州', { city: '请选择要导出的市州' });
      // The date in the file name is the day in Jilin (China time), not in UTC.
      const day = formatNumericDate(c.get('deps').now());
      return download(await citySummary(c.get('deps'), city), {
        contentType: XLSX_TYPE,
        fileName: `${cityName(city)}首席质量官备案汇总表-${day}.xlsx`,
        asciiName: 'city-summary.xlsx',
      });
    },
  )
  .get('/registry.xlsx', requireRole('province_tourism', 'market_regulation'), async (c) => {
    const day = formatNumericDate(c.get('deps').now());
    return download(await registryExport(c.get('deps')), {
      contentType: XLSX_TYPE,
      fileName: `吉林省旅游行业首席质量官备案信息-${day}.xlsx`,
      asciiName: 'registry.xlsx',
    });
  });
