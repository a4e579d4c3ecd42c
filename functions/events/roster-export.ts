/** The roster of an event as a spreadsheet for the organizers (full phones: admins only). */

import writeXlsxFile, { type Row } from 'write-excel-file/universal';
import type { RosterRow } from '../../db/queries/events/attendees.ts';
import { attendeeStatusName, formatCode } from '../../src/shared/events/labels.ts';
import { formatNumericTime } from '../../src/shared/formats.ts';

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
    r.registeredAt ? formatNumericTime(r.registeredAt) : '',
    r.promotedAt ? formatNumericTime(r.promotedAt) : '',
    r.checkedInAt ? formatNumericTime(r.checkedInAt) : '',
  ]);
  const blob = await writeXlsxFile([header, ...body], { sheet: '参会名单', stickyRowsCount: 1 }).toBlob();
  return blob.arrayBuffer();
}
