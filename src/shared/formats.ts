/**
 * How dates, times and sizes are written, in China time whatever the zone of the browser, the Worker or the
 * build machine. One place, so a page, an island, a spreadsheet and an error message say the same thing.
 */
const zone = 'Asia/Shanghai';
const day = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const dayTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dayWeekdayTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const numeric = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const clockTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

type When = string | Date | null | undefined;

/** A Date from an ISO instant or a plain `YYYY-MM-DD` (read as that day in China), or null. */
function toDate(when: When): Date | null {
  if (!when) return null;
  const date =
    when instanceof Date
      ? when
      : new Date(/^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T00:00:00+08:00` : when);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 2026年3月5日 */
export function formatDay(when: When): string {
  const d = toDate(when);
  return d ? day.format(d) : typeof when === 'string' ? when : '';
}

/** 2026年3月5日 09:41, or with the weekday: 2026年3月5日周四 09:41 */
export function formatDateTime(when: When, options: { weekday?: boolean } = {}): string {
  const d = toDate(when);
  if (!d) return typeof when === 'string' ? when : '';
  return (options.weekday ? dayWeekdayTime : dayTime).format(d);
}

/** 2026-03-05 14:30, for tables and spreadsheets; `—` when empty. */
export function formatNumericTime(when: When): string {
  const d = toDate(when);
  if (!d) return when ? String(when) : '—';
  const p = Object.fromEntries(numeric.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 2026-03-05 (the China calendar day of an instant); `—` when empty. */
export function formatNumericDate(when: When): string {
  if (typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when)) return when;
  const text = formatNumericTime(when);
  return text === '—' ? text : text.slice(0, 10);
}

/** 09:41, for “已保存 09:41”. */
export function clock(date: Date = new Date()): string {
  return clockTime.format(date);
}

/** 2021-03 → 2021年3月 */
export function formatMonth(ym: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym ?? '');
  return m ? `${m[1]}年${Number(m[2])}月` : (ym ?? '');
}

/** 850 KB, 1.2 MB */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 男 / 女 from the sex derived from the ID number. */
export function sexName(sex: string | null | undefined): string {
  return sex === 'male' ? '男' : sex === 'female' ? '女' : '';
}
