/** Small DOM and wording helpers shared by the enterprise account islands. Text goes in as text, never as HTML. */
import { toLogin } from './api.ts';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element; `class` sets the class name, `true` adds an empty attribute, `false`/null/undefined skip. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** A definition list of label → value pairs (`.facts`); empty values show “未填写”. */
export function facts(pairs: [string, Child | string | null][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    dl.append(h('dt', null, label), h('dd', null, value === null || value === '' ? '未填写' : value));
  }
  return dl;
}

const dayFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const clockFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2026年3月5日 (China time). Accepts ISO times and YYYY-MM-DD dates. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+08:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
}

/** 2026年3月5日 09:41 (China time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

/** 09:41 (China time), for “已保存 09:41”. */
export function clock(date: Date = new Date()): string {
  return clockFormat.format(date);
}

/** 2021-03 → 2021年3月. */
export function formatMonth(ym: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym ?? '');
  return m ? `${m[1]}年${Number(m[2])}月` : (ym ?? '');
}

export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function filingKindName(kind: 'new' | 'change'): string {
  return kind === 'change' ? '变更首席质量官' : '首次备案';
}

export function sexName(sex: 'male' | 'female' | null | undefined): string {
  return sex === 'male' ? '男' : sex === 'female' ? '女' : '';
}

/** The `?id=` of the page, or null. */
export function queryId(): string | null {
  const id = new URLSearchParams(location.search).get('id');
  return id && /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** Sends the user to log in (and back here afterwards) without leaving an unhandled error behind. */
export function goToLogin(): void {
  try {
    toLogin();
  } catch {
    // toLogin() throws to stop the caller; the page is navigating away.
  }
}
