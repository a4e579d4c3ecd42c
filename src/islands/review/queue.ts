/**
 * The reviewer's queue (/review/): filters live in the query string, so a filtered list can be shared and the
 * back button works; the form is a plain GET form and this island only reads the URL and renders the result.
 */

import type { InferRequestType } from 'hono/client';
import type { Me } from '../../shared/accounts/answers.ts';
import type { FilingList } from '../../shared/filings/answers.ts';
import {
  type FilingStatus,
  filingKindName,
  filingStatusName,
  type Role,
} from '../../shared/filings/status.ts';
import { formatNumericTime } from '../../shared/formats.ts';
import { cityName, enterpriseTypeName } from '../../shared/labels.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { whoLabel } from '../lib/signed-in.ts';
import { requireRole } from '../lib/staff.ts';
import { stackable } from '../lib/table.ts';

const PAGE_SIZE = 20;

/**
 * Not a state of its own: a recognized filing whose enterprise asked for deregistration. Offered beside the
 * states in the status filter so market regulation can list the requests it has to handle.
 */
const REQUESTS = 'deregistration_requested';
const REQUESTS_NAME = '已认定，企业申请注销';

/** Where each reviewer's work waits by default. */
const defaultStatus: Partial<Record<Role, FilingStatus>> = {
  city_tourism: 'submitted',
  province_tourism: 'city_approved',
  market_regulation: 'awaiting_training',
};

const leads: Partial<Record<Role, string>> = {
  city_tourism:
    '初审本市（州）旅游企业提交的首席质量官备案登记表：通过、退回修改或不予通过，并向省文化和旅游厅报送汇总表。',
  province_tourism: '复审各市（州）初审通过的备案：通过后转省市场监督管理厅组织培训，或退回修改。',
  market_regulation: '记录在线学时和专题培训结果，认定培训合格的首席质量官并发放备案编号，办理注销。',
};

const statusRegion = document.getElementById('queue-status');
const results = document.getElementById('queue-results');
const pager = document.getElementById('queue-pager');
const statusSelect = document.querySelector<HTMLSelectElement>('#status');
const citySelect = document.querySelector<HTMLSelectElement>('#city');
const qInput = document.querySelector<HTMLInputElement>('#q');

type Filters = { status: string; city: string; q: string; page: number };
type ListQuery = InferRequestType<typeof client.api.filings.$get>['query'];

function readFilters(me: Me): Filters {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') || defaultStatus[me.role] || 'all';
  const city = me.role === 'city_tourism' ? '' : (params.get('city') ?? '');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    status,
    city,
    q: (params.get('q') ?? '').trim(),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The queue address for these filters; `page` 1 is left out so the first page has one address. */
function queueUrl(f: Filters): string {
  const params = new URLSearchParams();
  params.set('status', f.status);
  if (f.city) params.set('city', f.city);
  if (f.q) params.set('q', f.q);
  if (f.page > 1) params.set('page', String(f.page));
  return `/review/?${params}`;
}

function setUpForm(me: Me, f: Filters) {
  if (statusSelect && !statusSelect.querySelector(`option[value="${REQUESTS}"]`)) {
    const recognized = statusSelect.querySelector('option[value="recognized"]');
    const option = h('option', { value: REQUESTS, 'data-name': REQUESTS_NAME }, REQUESTS_NAME);
    if (recognized) recognized.after(option);
    else statusSelect.append(option);
  }
  const title = document.getElementById('queue-title');
  if (title) title.textContent = `审核工作台：${whoLabel(me)}`;
  const lead = document.getElementById('queue-lead');
  if (lead) lead.textContent = leads[me.role] ?? '';
  if (statusSelect) statusSelect.value = f.status;
  if (qInput) qInput.value = f.q;
  const cityField = document.getElementById('city-field');
  if (me.role === 'city_tourism') {
    // A city reviewer only ever sees its own city: no choice to offer, nothing to submit.
    cityField?.remove();
  } else if (cityField && citySelect) {
    cityField.hidden = false;
    citySelect.value = f.city;
  }
}

function showCounts(list: FilingList) {
  if (!statusSelect) return;
  let all = 0;
  for (const option of Array.from(statusSelect.options)) {
    if (option.value === 'all') continue;
    if (option.value === REQUESTS) {
      option.textContent = `${REQUESTS_NAME}（${list.deregistrationRequests}）`;
      continue;
    }
    const n = list.counts[option.value as FilingStatus] ?? 0;
    all += n;
    option.textContent = `${option.dataset.name ?? option.value}（${n}）`;
  }
  const allOption = statusSelect.querySelector<HTMLOptionElement>('option[value="all"]');
  if (allOption) allOption.textContent = `全部状态（${all}）`;
}

function describeFilters(f: Filters): string {
  const parts = [
    f.status === 'all' ? '全部状态' : f.status === REQUESTS ? REQUESTS_NAME : filingStatusName(f.status),
  ];
  if (f.city) parts.push(cityName(f.city));
  if (f.q) parts.push(`搜索“${f.q}”`);
  return parts.join('，');
}

function renderTable(list: FilingList) {
  const rows = list.items.map((item) =>
    h(
      'tr',
      {},
      h(
        'td',
        { class: 'wrap-cell' },
        item.enterpriseName,
        item.kind === 'change' ? `（${filingKindName('change')}）` : null,
      ),
      h('td', {}, enterpriseTypeName(item.enterpriseType)),
      h('td', {}, cityName(item.city)),
      h('td', {}, item.cqoName ?? '—'),
      h(
        'td',
        {},
        filingStatusName(item.status),
        item.deregistrationRequested && item.status === 'recognized'
          ? [' ', h('span', { class: 'tag' }, '申请注销')]
          : null,
      ),
      h('td', {}, formatNumericTime(item.submittedAt)),
      h(
        'td',
        {},
        h(
          'a',
          { href: `/review/filing/?id=${encodeURIComponent(item.id)}` },
          '审核',
          h('span', { class: 'visually-hidden' }, `：${item.enterpriseName}`),
        ),
      ),
    ),
  );
  const head = ['企业名称', '类型', '市州', '首席质量官', '状态', '提交时间', '操作'].map((t) =>
    h('th', { scope: 'col' }, t),
  );
  const table = stackable(h('table', {}, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)));
  results?.replaceChildren(
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': '备案列表', tabindex: 0 }, table),
  );
}

function renderPager(list: FilingList, f: Filters) {
  if (!pager) return;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  if (pages <= 1) {
    pager.hidden = true;
    return;
  }
  const prev =
    list.page > 1
      ? h('a', { href: queueUrl({ ...f, page: list.page - 1 }), rel: 'prev' }, '上一页')
      : h('span', { class: 'empty' }, '上一页');
  const next =
    list.page < pages
      ? h('a', { href: queueUrl({ ...f, page: list.page + 1 }), rel: 'next' }, '下一页')
      : h('span', { class: 'empty' }, '下一页');
  pager.replaceChildren(prev, h('span', {}, `第 ${list.page} / ${pages} 页`), next);
  pager.hidden = false;
}

function renderExports(me: Me, f: Filters) {
  const section = document.getElementById('exports');
  const links = document.getElementById('export-links');
  if (!section || !links) return;
  const items: HTMLElement[] = [];
  if (me.role === 'city_tourism') {
    items.push(
      h('li', {}, h('a', { href: '/api/exports/city-summary.xlsx' }, '导出本市（州）汇总表（Excel）')),
    );
  } else {
    items.push(
      f.city
        ? h(
            'li',
            {},
            h(
              'a',
              { href: `/api/exports/city-summary.xlsx?city=${encodeURIComponent(f.city)}` },
              `导出${cityName(f.city)}汇总表（Excel）`,
            ),
          )
        : h('li', {}, '导出某一市（州）的汇总表：请先在上方“市州”中选择并筛选。'),
      h(
        'li',
        {},
        h(
          'a',
          { href: '/api/exports/registry.xlsx' },
          '导出全国首席质量官数据库/省质量专家数据库报送表（Excel）',
        ),
      ),
    );
  }
  links.replaceChildren(...items);
  section.hidden = false;
}

/** Market regulation handles deregistration requests: say how many wait, whatever the list shows. */
function renderRequests(me: Me, f: Filters, list: FilingList) {
  document.getElementById('requests-notice')?.remove();
  if (me.role !== 'market_regulation' || f.status === REQUESTS || list.deregistrationRequests === 0) return;
  results?.before(
    h(
      'p',
      { class: 'notice', id: 'requests-notice' },
      `有 ${list.deregistrationRequests} 份备案的企业申请注销首席质量官，待您办理。`,
      h('a', { href: queueUrl({ status: REQUESTS, city: f.city, q: '', page: 1 }) }, '查看注销申请'),
    ),
  );
}

async function main() {
  let me: Me | null;
  try {
    me = await requireRole(['city_tourism', 'province_tourism', 'market_regulation']);
  } catch (e) {
    if (statusRegion) statusRegion.textContent = e instanceof Error ? e.message : String(e);
    return;
  }
  if (!me) return;
  const f = readFilters(me);
  // Put the default status into the address too, so what is shown is what a shared link shows.
  if (!new URLSearchParams(location.search).get('status')) history.replaceState(null, '', queueUrl(f));
  sessionStorage.setItem('review-queue', queueUrl(f));
  setUpForm(me, f);
  renderExports(me, f);

  // Status and city come from the address as typed; the API refuses values it does not know.
  const query: ListQuery = {
    page: String(f.page),
    pageSize: String(PAGE_SIZE),
    city: (f.city || undefined) as ListQuery['city'],
    q: f.q || undefined,
  };
  if (f.status === REQUESTS) {
    query.status = 'recognized';
    query.deregistrationRequested = 'true';
  } else if (f.status !== 'all') query.status = f.status as ListQuery['status'];
  try {
    const list = await call(client.api.filings.$get({ query }));
    showCounts(list);
    renderRequests(me, f, list);
    const described = describeFilters(f);
    if (list.total === 0) {
      results?.replaceChildren();
      if (statusRegion) statusRegion.textContent = `${described}：没有符合条件的备案。`;
    } else if (list.items.length === 0) {
      results?.replaceChildren(h('p', {}, h('a', { href: queueUrl({ ...f, page: 1 }) }, '返回第一页')));
      if (statusRegion) {
        statusRegion.textContent = `${described}：共 ${list.total} 条备案，但第 ${list.page} 页没有内容。`;
      }
    } else {
      const from = (list.page - 1) * list.pageSize + 1;
      const to = from + list.items.length - 1;
      renderTable(list);
      if (statusRegion) {
        statusRegion.textContent = `${described}：共 ${list.total} 条备案，当前显示第 ${from}–${to} 条。`;
      }
    }
    renderPager(list, f);
  } catch (e) {
    if (statusRegion) {
      statusRegion.textContent =
        e instanceof ApiFailure ? `无法加载备案列表：${e.message}` : '无法加载备案列表，请刷新页面重试。';
    }
  }
}

void main();
