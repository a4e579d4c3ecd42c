/**
 * The public lookup. The query lives in the URL (?q=&city=&type=&status=&page=), so a search can be shared and
 * the back button works: submitting pushes a new URL and fetches, popstate fetches again. Without JavaScript the
 * form still submits to this page and this script, once it runs, reads location.search.
 */
import type { InferRequestType } from 'hono/client';
import { formatDay } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import type { PublicCqo, PublicCqoList } from '../../shared/registry/answers.ts';
import { ApiFailure } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { getJson, statusText, typeAndGrade, verifyPath } from './records.ts';

const FILTERS = ['q', 'city', 'type', 'status'] as const;
type Query = InferRequestType<typeof client.api.cqos.$get>['query'];
const FIELD_LABELS: Record<string, string> = {
  q: '关键词',
  city: '市州',
  type: '企业类型',
  status: '状态',
  page: '页码',
  pageSize: '每页条数',
};

const form = document.querySelector<HTMLFormElement>('#lookup-form');
const statusLine = document.querySelector<HTMLElement>('#lookup-status');
const list = document.querySelector<HTMLOListElement>('#lookup-list');
const pager = document.querySelector<HTMLElement>('#lookup-pager');
const heading = document.querySelector<HTMLElement>('#results-title');
const baseTitle = document.title;
let latest = 0;
let inFlight: AbortController | undefined;

function field(name: string) {
  return form?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

/** Puts the URL's query back into the form (first load, back/forward). Unknown select values fall back to 全部. */
function fillForm(params: URLSearchParams) {
  for (const name of FILTERS) {
    const el = field(name);
    if (!el) continue;
    el.value = params.get(name) ?? '';
    if (el instanceof HTMLSelectElement && el.selectedIndex < 0) el.value = '';
  }
}

/** The form's query, without empty values, so URLs stay short and readable. */
function queryFromForm(): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = field(name)?.value.trim() ?? '';
    if (value) params.set(name, value);
  }
  return params;
}

function urlFor(params: URLSearchParams): string {
  const search = params.toString();
  return search ? `/lookup/?${search}` : '/lookup/';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function card(cqo: PublicCqo): HTMLLIElement {
  const li = el('li', undefined, 'card');
  const state = el('p', undefined, `cqo-state ${cqo.status}`);
  const mark = el('span', cqo.status === 'valid' ? '✓ ' : '✕ ');
  mark.setAttribute('aria-hidden', 'true');
  state.append(mark, statusText(cqo));
  const link = el('a', cqo.filingNo);
  link.href = verifyPath(cqo.filingNo);
  const facts = el('dl');
  const rows: [string, string | Node][] = [
    ['备案编号', link],
    ['企业名称', cqo.enterpriseName],
    ['企业类型', typeAndGrade(cqo)],
    ['市州', cityName(cqo.city)],
    ['认定日期', formatDay(cqo.recognizedAt)],
  ];
  for (const [label, value] of rows) {
    const dd = el('dd');
    dd.append(value);
    facts.append(el('dt', label), dd);
  }
  li.append(el('h3', cqo.name ?? '（未公开姓名）'), state, facts);
  return li;
}

function pageLink(params: URLSearchParams, page: number, text: string, rel: string): HTMLAnchorElement {
  const next = new URLSearchParams(params);
  if (page > 1) next.set('page', String(page));
  else next.delete('page');
  const a = el('a', text);
  a.href = urlFor(next);
  a.rel = rel;
  return a;
}

function renderPager(params: URLSearchParams, data: PublicCqoList) {
  if (!pager) return;
  const pages = Math.max(1, Math.ceil(data.total / Math.max(1, data.pageSize)));
  pager.hidden = pages <= 1;
  if (pages <= 1) return pager.replaceChildren();
  const parts: Node[] = [];
  if (data.page > 1) parts.push(pageLink(params, data.page - 1, '上一页', 'prev'));
  parts.push(el('span', `第 ${data.page} / ${pages} 页`));
  if (data.page < pages) parts.push(pageLink(params, data.page + 1, '下一页', 'next'));
  pager.replaceChildren(...parts);
}

function render(params: URLSearchParams, data: PublicCqoList) {
  list?.replaceChildren(...data.items.map(card));
  renderPager(params, data);
  const filtered = FILTERS.some((name) => params.has(name));
  if (!statusLine) return;
  if (data.total === 0) {
    statusLine.textContent = filtered
      ? '没有找到符合条件的首席质量官。请检查输入的文字，或减少筛选条件后再查。'
      : '名录中暂时还没有已认定的首席质量官。';
  } else if (data.items.length === 0) {
    statusLine.textContent = `找到 ${data.total} 位首席质量官，但第 ${data.page} 页没有内容，请回到第 1 页。`;
  } else {
    const pages = Math.ceil(data.total / Math.max(1, data.pageSize));
    const where = pages > 1 ? `，当前第 ${data.page} / ${pages} 页` : '';
    statusLine.textContent = filtered
      ? `找到 ${data.total} 位首席质量官${where}。`
      : `名录共收录 ${data.total} 位首席质量官${where}。`;
  }
}

function showFailure(failure: ApiFailure) {
  list?.replaceChildren();
  if (pager) {
    pager.hidden = true;
    pager.replaceChildren();
  }
  const fields = Object.fromEntries(Object.entries(failure.fields).filter(([name]) => name in FIELD_LABELS));
  if (form && failure.status === 400 && Object.keys(fields).length > 0) {
    showErrors(form, fields, '查询条件有问题，请修改后再查', { labels: FIELD_LABELS });
  }
  const message = /[。！？.!?]$/.test(failure.message) ? failure.message : `${failure.message}。`;
  if (statusLine) statusLine.textContent = `${message}您输入的查询条件仍保留在上方。`;
}

/** Fetches and shows the results for `params`; a newer search cancels an older one still under way. */
async function search(params: URLSearchParams) {
  const ticket = ++latest;
  inFlight?.abort();
  inFlight = new AbortController();
  if (form) clearErrors(form);
  const q = params.get('q');
  document.title = q ? `“${q}”的查询结果 - ${baseTitle}` : baseTitle;
  list?.setAttribute('aria-busy', 'true');
  if (statusLine) statusLine.textContent = '正在查询……';
  try {
    // The form's fields, in their order (the address is the cache key); the API checks every value.
    const query = Object.fromEntries(params) as Query;
    const data = await getJson((o) => client.api.cqos.$get({ query }, o), { signal: inFlight.signal });
    if (ticket === latest) render(params, data);
  } catch (error) {
    if (ticket !== latest || inFlight.signal.aborted) return;
    showFailure(
      error instanceof ApiFailure ? error : new ApiFailure(0, 'unknown', '查询没有完成，请稍后重试。'),
    );
  } finally {
    if (ticket === latest) list?.removeAttribute('aria-busy');
  }
}

/** The URL's query, keeping only what the API understands (the no-script form also sends empty fields). */
function currentParams() {
  const params = new URLSearchParams();
  const url = new URLSearchParams(location.search);
  for (const name of [...FILTERS, 'page', 'pageSize']) {
    const value = url.get(name)?.trim();
    if (value) params.set(name, value);
  }
  return params;
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = queryFromForm();
  const url = urlFor(params);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  void search(params);
});

pager?.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  void search(currentParams()).then(() => heading?.focus());
});

window.addEventListener('popstate', () => {
  const params = currentParams();
  fillForm(params);
  void search(params);
});

fillForm(currentParams());
void search(currentParams());
