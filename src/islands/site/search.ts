/**
 * Site search over the Pagefind index (Chinese). The query lives in the URL (?q=), so results can be
 * shared and the back button works; the result count is announced to screen readers.
 */
import { excerptParts } from './excerpt.ts';

type PagefindResult = {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string; sample?: string } }>;
};
type Pagefind = { search: (q: string) => Promise<{ results: PagefindResult[] }>; init?: () => Promise<void> };

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#q');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');
let pagefind: Pagefind | undefined;

async function load(): Promise<Pagefind> {
  if (!pagefind) {
    const path = '/pagefind/pagefind.js';
    const loaded = (await import(/* @vite-ignore */ path)) as Pagefind;
    await loaded.init?.();
    pagefind = loaded;
  }
  return pagefind;
}

function item(url: string, title: string, excerpt: string, sample?: string): HTMLLIElement {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = url;
  a.textContent = title;
  h.append(a);
  // Sample content says so in its result too; the page's own 示例 note is left out of the excerpt.
  if (sample) {
    const badge = document.createElement('span');
    badge.className = 'sample-badge';
    badge.textContent = sample;
    h.append(' ', badge);
  }
  const p = document.createElement('p');
  for (const part of excerptParts(excerpt)) {
    if (part.mark) {
      const m = document.createElement('mark');
      m.textContent = part.text;
      p.append(m);
    } else p.append(document.createTextNode(part.text));
  }
  li.append(h, p);
  return li;
}

async function run(query: string) {
  if (!status || !list) return;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '请输入要搜索的词语。';
    return;
  }
  status.textContent = '正在搜索……';
  let search: Awaited<ReturnType<Pagefind['search']>>;
  let top: Awaited<ReturnType<PagefindResult['data']>>[];
  try {
    search = await (await load()).search(query);
    top = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  } catch {
    // The index did not load (offline, blocked, a deploy in progress): say so instead of searching forever.
    status.textContent =
      '搜索暂时无法使用，请检查网络后刷新页面重试。您也可以直接浏览政策原文、职责清单和优秀案例。';
    return;
  }
  list.replaceChildren(...top.map((d) => item(d.url, d.meta.title ?? d.url, d.excerpt, d.meta.sample)));
  status.textContent =
    search.results.length === 0
      ? `没有找到与“${query}”相关的内容，请换个词试试。`
      : `找到 ${search.results.length} 个与“${query}”相关的页面${search.results.length > 20 ? '，显示前 20 个' : ''}。`;
}

function fromUrl() {
  const q = new URLSearchParams(location.search).get('q') ?? '';
  if (input) input.value = q;
  if (q) void run(q);
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = input?.value ?? '';
  history.pushState(null, '', `?q=${encodeURIComponent(q)}`);
  void run(q);
});
window.addEventListener('popstate', fromUrl);
fromUrl();
