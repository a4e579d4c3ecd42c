/**
 * The whole public registry as open data: CSV (UTF-8 with BOM, so Excel opens it as Chinese text, header row
 * of Chinese column names) and JSON. Public fields only. Made once per read-model build, then served from memory.
 */
import type { OpenDataRegistry } from '../../src/shared/api-types.ts';
import { cityName, enterpriseTypeName } from '../../src/shared/labels.ts';
import type { Registry } from './index.ts';

export const OPEN_DATA_LICENCE =
  '本数据由吉林省旅游行业首席质量官制度服务平台公开，可自由下载、复制、传播和再利用，请注明来源。数据仅含公开信息；姓名仅在本人同意公开时列出（未同意的为空）。';

export const csvColumns = [
  '备案编号',
  '姓名',
  '企业名称',
  '统一社会信用代码',
  '企业类型',
  '等级',
  '市州',
  '认定日期',
  '状态',
  '注销日期',
];

/** Quotes every cell; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function registryCsv(registry: Registry): Uint8Array {
  const slot = registry.openData();
  if (!slot.csv) {
    const lines = [csvColumns.map(cell).join(',')];
    for (const c of registry.items()) {
      lines.push(
        [
          c.filingNo,
          c.name,
          c.enterpriseName,
          c.uscc,
          enterpriseTypeName(c.enterpriseType),
          c.grade,
          cityName(c.city),
          c.recognizedAt,
          c.status === 'valid' ? '有效' : '已注销',
          c.deregisteredAt,
        ]
          .map(cell)
          .join(','),
      );
    }
    slot.csv = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
  return slot.csv;
}

export function registryJson(registry: Registry): Uint8Array {
  const slot = registry.openData();
  if (!slot.json) {
    const body: OpenDataRegistry = {
      generatedAt: registry.builtAt.toISOString(),
      licence: OPEN_DATA_LICENCE,
      count: registry.size,
      items: [...registry.items()],
    };
    slot.json = new TextEncoder().encode(JSON.stringify(body));
  }
  return slot.json;
}
