/**
 * Registry statistics as SVG bar charts that work as a plain `<img src>`: no script, system fonts, a `<title>`
 * and a `<desc>` listing every figure (role="img"), labels in Chinese, and colours far above 3:1 contrast
 * (bars #0b4a8b and text #1b1f24 on white: 9.3:1 and 16:1).
 */

import { cityName, enterpriseTypeName } from '../../src/shared/labels.ts';
import type { RegistryStats } from '../../src/shared/registry/answers.ts';

export type Bar = { label: string; value: number };

const FONT =
  "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const INK = '#1b1f24';
const BAR = '#0b4a8b';
const GRID = '#767f8a';

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Width of a label in px at 14 px: CJK characters are square, Latin digits about half. */
function textWidth(s: string, size = 14): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.6;
  return Math.ceil(w);
}

/** A horizontal bar chart: one row per bar, the label left, the value right of its bar. */
export function barChart(title: string, bars: Bar[], unit = '人'): string {
  const width = 640;
  const top = 44;
  const row = 28;
  const labelWidth = Math.max(...bars.map((b) => textWidth(b.label)), 28) + 16;
  const valueRoom = 64;
  const plot = width - labelWidth - valueRoom - 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = top + bars.length * row + 12;
  const desc = bars.map((b) => `${b.label}：${b.value} ${unit}`).join('；');
  const rows = bars
    .map((b, i) => {
      const y = top + i * row;
      const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * plot)) : 0;
      return [
        `<text x="${labelWidth - 10}" y="${y + 18}" text-anchor="end">${escapeXml(b.label)}</text>`,
        w > 0 ? `<rect x="${labelWidth}" y="${y + 5}" width="${w}" height="18" fill="${BAR}"/>` : '',
        `<text x="${labelWidth + w + 6}" y="${y + 18}">${b.value}</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" xml:lang="zh-CN" role="img" aria-labelledby="chart-title chart-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="14" fill="${INK}">
<title id="chart-title">${escapeXml(title)}</title>
<desc id="chart-desc">${escapeXml(desc)}</desc>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="8" y="26" font-size="16" font-weight="bold">${escapeXml(title)}</text>
<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${top + bars.length * row}" stroke="${GRID}"/>
${rows}
</svg>`;
}

export type ChartKind = 'city' | 'type' | 'month';

/** The chart of one breakdown of the registry statistics. */
export function statsChart(stats: RegistryStats, kind: ChartKind): string {
  if (kind === 'city')
    return barChart(
      `各市州有效首席质量官人数（共 ${stats.total} 人）`,
      stats.byCity.map((b) => ({ label: cityName(b.city), value: b.count })),
    );
  if (kind === 'type')
    return barChart(
      `各类型企业有效首席质量官人数（共 ${stats.total} 人）`,
      stats.byType.map((b) => ({ label: enterpriseTypeName(b.type), value: b.count })),
    );
  return barChart(
    '近 24 个月每月认定首席质量官人数（含后来注销或变更的）',
    stats.byMonth.map((b) => ({ label: monthLabel(b.month), value: b.count })),
  );
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/**
 * The same figures as a CSV table (UTF-8 with BOM, Chinese headers): 分类, 项目, 人数 — one row per 市州, per
 * enterprise type and per month, after the total.
 */
export function statsCsv(stats: RegistryStats): string {
  const rows: [string, string, number][] = [
    ['合计', '目前有效的首席质量官', stats.total],
    ...stats.byCity.map((b): [string, string, number] => ['市州（目前有效）', cityName(b.city), b.count]),
    ...stats.byType.map((b): [string, string, number] => [
      '企业类型（目前有效）',
      enterpriseTypeName(b.type),
      b.count,
    ]),
    ...stats.byMonth.map((b): [string, string, number] => ['每月认定人数', monthLabel(b.month), b.count]),
  ];
  const lines = [['分类', '项目', '人数'], ...rows].map((r) => r.map((x) => `"${x}"`).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
