/**
 * Fixed vocabularies of the CQO system: code identifiers with their Chinese labels.
 * Shared by content schemas, pages, the browser and the API.
 */

/** The 11 filing units (市州) the notice is addressed to. 长白山管委会 has no GB/T 2260 code: `CBS`. */
export const cities = [
  { code: '220100', name: '长春市' },
  { code: '220200', name: '吉林市' },
  { code: '220300', name: '四平市' },
  { code: '220400', name: '辽源市' },
  { code: '220500', name: '通化市' },
  { code: '220600', name: '白山市' },
  { code: '220700', name: '松原市' },
  { code: '220800', name: '白城市' },
  { code: '222400', name: '延边朝鲜族自治州' },
  { code: '220581', name: '梅河口市' },
  { code: 'CBS', name: '长白山管委会' },
] as const;

export type CityCode = (typeof cities)[number]['code'];
export const cityCodes = cities.map((c) => c.code) as [CityCode, ...CityCode[]];

export function cityName(code: string): string {
  return cities.find((c) => c.code === code)?.name ?? code;
}

/** Enterprise types named by the notice (三(二)), each with its grade scale. */
export const enterpriseTypes = [
  { code: 'travel_agency', name: '旅行社', grades: [] },
  { code: 'scenic_spot', name: 'A级旅游景区', grades: ['1A', '2A', '3A', '4A', '5A'] },
  { code: 'rural_tourism', name: 'A级乡村旅游经营单位', grades: ['A', 'AA', 'AAA', 'AAAA', 'AAAAA'] },
  {
    code: 'star_hotel',
    name: '星级旅游饭店',
    grades: ['一星', '二星', '三星', '四星', '五星', '白金五星'],
  },
] as const;

export type EnterpriseType = (typeof enterpriseTypes)[number]['code'];
export const enterpriseTypeCodes = enterpriseTypes.map((t) => t.code) as [
  EnterpriseType,
  ...EnterpriseType[],
];

export function enterpriseTypeName(code: string): string {
  return enterpriseTypes.find((t) => t.code === code)?.name ?? code;
}

export function gradesOf(type: EnterpriseType): readonly string[] {
  return enterpriseTypes.find((t) => t.code === type)?.grades ?? [];
}

/** What every view shows as the grade: the grade, 不分等级 for a type without grades (旅行社), or null when not chosen. */
export function gradeName(type: string, grade: string | null | undefined): string | null {
  if (gradesOf(type as EnterpriseType).length === 0) return '不分等级';
  return grade || null;
}

/** Topics of best-practice cases (优秀案例). */
export const caseTopics = [
  { code: 'standards', name: '服务标准化' },
  { code: 'complaints', name: '投诉处理' },
  { code: 'safety', name: '安全管理' },
  { code: 'culture', name: '质量文化' },
  { code: 'digital', name: '数字化管理' },
  { code: 'training', name: '员工培训' },
] as const;

export type CaseTopic = (typeof caseTopics)[number]['code'];
export const caseTopicCodes = caseTopics.map((t) => t.code) as [CaseTopic, ...CaseTopic[]];

export function caseTopicName(code: string): string {
  return caseTopics.find((t) => t.code === code)?.name ?? code;
}

/** Event kinds of 三(六). */
export const eventKinds = [
  { code: 'forum', name: '旅游服务质量论坛' },
  { code: 'sharing_session', name: '经验分享会' },
] as const;

export type EventKind = (typeof eventKinds)[number]['code'];
export const eventKindCodes = eventKinds.map((k) => k.code) as [EventKind, ...EventKind[]];

export function eventKindName(code: string): string {
  return eventKinds.find((k) => k.code === code)?.name ?? code;
}

/** Degrees on the filing form; 本科 or above meets 二(二). */
export const degrees = [
  { code: 'below_bachelor', name: '大专及以下', eligible: false },
  { code: 'bachelor', name: '本科', eligible: true },
  { code: 'master', name: '硕士研究生', eligible: true },
  { code: 'doctor', name: '博士研究生', eligible: true },
] as const;

export type Degree = (typeof degrees)[number]['code'];
export const degreeCodes = degrees.map((d) => d.code) as [Degree, ...Degree[]];
