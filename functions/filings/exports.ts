/**
 * Spreadsheets reviewers send on: the city summary (汇总表) a 市州 reports to the province, and the registry of
 * recognized CQOs for the national CQO database and the provincial quality-expert database. Column layouts are
 * documented in the README ("Export layouts"); 身份证号 stays masked — a full number is only ever revealed one
 * at a time, logged.
 */
import writeXlsxFile, { type Row } from 'write-excel-file/universal';
import { type FilingRow, filingsForExport } from '../../db/queries/filings/filings.ts';
import { eligibilityOf, type FilingDraft } from '../../src/shared/filings/form.ts';
import { filingStatusName } from '../../src/shared/filings/status.ts';
import { formatNumericDate, sexName } from '../../src/shared/formats.ts';
import { cityName, degrees, enterpriseTypeName, gradeName } from '../../src/shared/labels.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { ok, type Result, refuse } from '../result.ts';

const header = (titles: string[]): Row => titles.map((value) => ({ value, fontWeight: 'bold' as const }));
/** The China-time calendar day: a filing submitted at 00:30 in Jilin is of that day, not the UTC day before. */
const day = (d: Date | null) => (d ? formatNumericDate(d) : '');
const degreeName = (code?: string) => degrees.find((d) => d.code === code)?.name ?? '';

function qualificationText(form: FilingDraft) {
  const q = form.qualification;
  if (q?.kind === 'certificate')
    return `${q.level === 'senior' ? '高级' : '中级'}质量专业技术人员职业资格（${q.certificateNo ?? ''}）`;
  if (q?.kind === 'equivalent') return '同等专业能力证明';
  return '';
}

export const citySummaryColumns = [
  '序号',
  '市州',
  '企业名称',
  '统一社会信用代码',
  '企业类型',
  '等级',
  '首席质量官',
  '性别',
  '出生日期',
  '现任职务',
  '最高学历',
  '职业资格',
  '质量管理工作经验',
  '任命日期',
  '手机',
  '状态',
  '提交日期',
];

export const registryColumns = [
  '备案编号',
  '姓名',
  '性别',
  '出生日期',
  '身份证号（脱敏）',
  '企业名称',
  '统一社会信用代码',
  '企业类型',
  '等级',
  '市州',
  '现任职务',
  '最高学历',
  '毕业院校',
  '专业',
  '职业资格',
  '在线学时',
  '专题培训',
  '认定日期',
  '状态',
  '手机',
  '电子邮箱',
  '同意公开姓名',
];

const REPORTED = ['submitted', 'city_approved', 'awaiting_training', 'trained', 'recognized'];

function citySummaryRow(f: FilingRow, i: number, today: Date): Row {
  const form = f.form as FilingDraft;
  return [
    i + 1,
    cityName(f.city),
    f.enterpriseName,
    f.uscc,
    enterpriseTypeName(f.enterpriseType),
    gradeName(f.enterpriseType, f.grade) ?? '',
    f.cqoName ?? '',
    sexName(f.sex),
    f.birthDate ?? '',
    form.position ?? '',
    degreeName(form.degree),
    qualificationText(form),
    eligibilityOf(form, today).rules.find((r) => r.rule === 'experience')?.detail ?? '',
    form.appointedOn ?? '',
    form.mobile ?? '',
    filingStatusName(f.status),
    day(f.submittedAt),
  ];
}

function registryRow(f: FilingRow): Row {
  const form = f.form as FilingDraft;
  const lastAttempt = f.training.attempts.at(-1);
  return [
    f.filingNo ?? '',
    f.cqoName ?? '',
    sexName(f.sex),
    f.birthDate ?? '',
    f.idMasked ?? '',
    f.enterpriseName,
    f.uscc,
    enterpriseTypeName(f.enterpriseType),
    gradeName(f.enterpriseType, f.grade) ?? '',
    cityName(f.city),
    form.position ?? '',
    degreeName(form.degree),
    form.school ?? '',
    form.major ?? '',
    qualificationText(form),
    f.training.onlineHours,
    lastAttempt ? `${lastAttempt.passed ? '合格' : '不合格'}（${lastAttempt.date}）` : '',
    day(f.recognizedAt),
    filingStatusName(f.status),
    form.mobile ?? '',
    form.email ?? '',
    f.publishConsent ? '是' : '否',
  ];
}

const toBytes = async (rows: Row[], sheet: string): Promise<ArrayBuffer> =>
  (await writeXlsxFile(rows, { sheet, stickyRowsCount: 1 }).toBlob()).arrayBuffer();

/**
 * The 汇总表 of one city (filings submitted and beyond): the city `asked` for, or a city reviewer's own city
 * whatever it asked for.
 */
export async function citySummary(
  deps: Deps,
  me: SignedIn,
  asked: string | undefined,
): Promise<Result<{ city: string; bytes: ArrayBuffer }>> {
  const city = me.role === 'city_tourism' ? me.city : asked;
  if (!city) return refuse(400, 'invalid', '请选择要导出的市州', { city: '请选择要导出的市州' });
  const rows = await filingsForExport(deps.db, REPORTED, city);
  const today = deps.now();
  const sheet = [header(citySummaryColumns), ...rows.map((f, i) => citySummaryRow(f, i, today))];
  return ok({ city, bytes: await toBytes(sheet, '汇总表') });
}

/** Every recognized (and deregistered, for the record) CQO of the province. */
export async function registryExport(deps: Deps) {
  const rows = await filingsForExport(deps.db, ['recognized', 'deregistered']);
  return toBytes([header(registryColumns), ...rows.map(registryRow)], '首席质量官');
}
