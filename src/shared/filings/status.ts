/** States of a filing (DOMAIN.md) with the words the UI uses for them. */
export const filingStatuses = [
  { code: 'draft', name: '草稿' },
  { code: 'submitted', name: '待初审' },
  { code: 'returned', name: '退回修改' },
  { code: 'withdrawn', name: '已撤回' },
  { code: 'rejected', name: '不予通过' },
  { code: 'city_approved', name: '待复审' },
  { code: 'awaiting_training', name: '待培训' },
  { code: 'trained', name: '培训合格，待认定' },
  { code: 'recognized', name: '已认定' },
  { code: 'superseded', name: '已被替换' },
  { code: 'deregistered', name: '已注销' },
] as const;
export type FilingStatus = (typeof filingStatuses)[number]['code'];
export const filingStatusCodes = filingStatuses.map((s) => s.code) as [FilingStatus, ...FilingStatus[]];

export function filingStatusName(code: string): string {
  return filingStatuses.find((s) => s.code === code)?.name ?? code;
}

/** Kinds of filing, one name each for enterprises and reviewers alike. */
export const filingKinds = [
  { code: 'new', name: '首次备案' },
  { code: 'change', name: '变更备案' },
] as const;

export function filingKindName(code: string): string {
  return filingKinds.find((k) => k.code === code)?.name ?? code;
}

export const roles = [
  { code: 'enterprise', name: '旅游企业' },
  { code: 'city_tourism', name: '市（州）文旅部门' },
  { code: 'province_tourism', name: '省文化和旅游厅' },
  { code: 'market_regulation', name: '省市场监督管理厅' },
  { code: 'admin', name: '系统管理员' },
] as const;
export type Role = (typeof roles)[number]['code'];
export const roleCodes = roles.map((r) => r.code) as [Role, ...Role[]];
export const reviewerRoles: readonly Role[] = ['city_tourism', 'province_tourism', 'market_regulation'];

export function roleName(code: string): string {
  return roles.find((r) => r.code === code)?.name ?? code;
}

/** Actions on a filing, in the words of the buttons. */
export const filingActions = [
  { code: 'submit', name: '提交' },
  { code: 'withdraw', name: '撤回' },
  { code: 'city_approve', name: '初审通过' },
  { code: 'city_return', name: '退回修改' },
  { code: 'city_reject', name: '不予通过' },
  { code: 'province_approve', name: '复审通过' },
  { code: 'province_return', name: '退回修改' },
  { code: 'record_training', name: '记录培训情况' },
  { code: 'recognize', name: '认定并发放备案编号' },
  { code: 'deregister', name: '注销' },
  { code: 'request_deregistration', name: '申请注销' },
  { code: 'withdraw_publication_consent', name: '撤回公开姓名的同意' },
] as const;
export type FilingAction = (typeof filingActions)[number]['code'];
