/** The roster of an event as a spreadsheet for the organizers (full phones: admins only). */
import writeXlsxFile, { type Row } from 'write-excel-file/universal';
import type { RosterRow } from '../../db/queries/events.ts';
import { attendeeStatusName, formatCode } from '../../src/shared/event-labels.ts';

export const rosterColumns = [
  '序号',
  '状态',
  '候补顺序',
  '企业名称',
  '统一社会信用代码',
  '姓名',
  '职务',
  '手机',
  '确认码',
  '报名时间',
  '递补时间',
  '签到时间',
];

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** China time as `2026-11-26 10:05`. */
function chinaTime(d: Date | null): string {
  if (!d) return '';
  const p = Object.fromEntries(timeFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export async function rosterWorkbook(rows: RosterRow[]): Promise<ArrayBuffer> {
  const header: Row = rosterColumns.map((value) => ({ value, fontWeight: 'bold' as const }));
  const body: Row[] = rows.map((r) => [
    r.seq,
    r.status === 'confirmed' && r.checkedInAt ? '已签到' : attendeeStatusName(r.status),
    r.waitlistPosition ?? '',
    r.enterpriseName,
    r.uscc,
    r.name,
    r.position,
    r.mobile,
    formatCode(r.code),
    chinaTime(r.registeredAt),
    chinaTime(r.promotedAt),
    chinaTime(r.checkedInAt),
  ]);
  const blob = await writeXlsxFile([header, ...body], { sheet: '参会名单', stickyRowsCount: 1 }).toBlob();
  return blob.arrayBuffer();
}
