import { Hono } from 'hono';
import { citySummaryQuery } from '../../src/shared/filings/requests.ts';
import { formatNumericDate } from '../../src/shared/formats.ts';
import { cityName } from '../../src/shared/labels.ts';
import type { AppEnv } from '../deps.ts';
import { citySummary, registryExport } from '../filings/exports.ts';
import { download, XLSX_TYPE } from '../http/download.ts';
import { refused } from '../http/respond.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const exports = new Hono<AppEnv>()
  .get(
    '/city-summary.xlsx',
    requireRole('city_tourism', 'province_tourism', 'market_regulation'),
    validate('query', citySummaryQuery),
    async (c) => {
      const result = await citySummary(c.get('deps'), signedIn(c), c.req.valid('query').city);
      if (!result.ok) return refused(c, result);
      // The date in the file name is the day in Jilin (China time), not in UTC.
      const day = formatNumericDate(c.get('deps').now());
      return download(result.value.bytes, {
        contentType: XLSX_TYPE,
        fileName: `${cityName(result.value.city)}首席质量官备案汇总表-${day}.xlsx`,
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
