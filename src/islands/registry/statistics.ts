/**
 * Fills the statistics page from /api/stats: the prominent total, a data table under each chart, and an alt
 * text that says what the chart shows (the largest bar), so the picture is not the only way to the figures.
 */
import { formatMonth } from '../../shared/formats.ts';
import { cityName, enterpriseTypeName } from '../../shared/labels.ts';
import { ApiFailure } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { getJson } from './records.ts';

type Row = { label: string; count: number };

function fill(key: string, rows: Row[], describe: (top: Row) => string) {
  const body = document.querySelector(`#table-${key} tbody`);
  const cells = rows.map((r) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.label;
    const td = document.createElement('td');
    td.textContent = String(r.count);
    tr.append(th, td);
    return tr;
  });
  if (cells.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 2;
    td.textContent = '暂无数据';
    tr.append(td);
    cells.push(tr);
  }
  body?.replaceChildren(...cells);
  const top = rows.reduce<Row | undefined>(
    (best, r) => (!best || r.count > best.count ? r : best),
    undefined,
  );
  const img = document.querySelector<HTMLImageElement>(`#chart-${key}`);
  if (img && top && top.count > 0) {
    // The sentence pointing to the figures stays last; the largest bar goes before it.
    const pointer = /具体数字见下方数据表[^。]*。$/;
    const end = pointer.exec(img.alt)?.[0] ?? '具体数字见下方数据表。';
    img.alt = `${img.alt.replace(pointer, '')}${describe(top)}${end}`;
  }
}

async function load() {
  const status = document.querySelector('#stats-status');
  try {
    const stats = await getJson((o) => client.api.stats.$get(undefined, o));
    const total = document.querySelector('#stats-total');
    if (total) total.textContent = String(stats.total);
    fill(
      'city',
      stats.byCity.map((r) => ({ label: cityName(r.city), count: r.count })),
      (top) => `人数最多的是${top.label}（${top.count} 位）。`,
    );
    fill(
      'type',
      stats.byType.map((r) => ({ label: enterpriseTypeName(r.type), count: r.count })),
      (top) => `人数最多的是${top.label}（${top.count} 位）。`,
    );
    const months = stats.byMonth.map((r) => ({ label: formatMonth(r.month), count: r.count }));
    fill('month', months, (top) => {
      const span = months.length > 1 ? `从${months[0]?.label}到${months.at(-1)?.label}，` : '';
      return `${span}认定最多的是${top.label}（${top.count} 位）。`;
    });
  } catch (error) {
    const message = error instanceof ApiFailure ? error.message : '统计数据暂时无法加载，请稍后刷新页面。';
    if (status) status.textContent = `总数和数据表没有加载成功：${message}`;
  }
}

void load();
