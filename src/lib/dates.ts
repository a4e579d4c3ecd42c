/** Dates shown in China Standard Time whatever the build machine's zone. */
const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dayFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

export const formatDateTime = (iso: string | Date) => fmt.format(new Date(iso));
export const formatDay = (iso: string | Date) => dayFmt.format(new Date(iso));
