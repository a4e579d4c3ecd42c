/**
 * Training before recognition (通知二（四）): a passed special training and at least 20 online hours. Both
 * must hold when market regulation records a result; the words here say what a record leads to, before it is
 * saved (the reviewer's panel), after (the message and the history) and to the enterprise.
 */

/** The online hours a CQO must have for recognition. */
export const MIN_ONLINE_HOURS = 20;

/** One recorded result; `onlineHours` is the total at the time (absent in records made before it was kept). */
export type TrainingAttempt = {
  date: string;
  passed: boolean;
  certificateNo: string | null;
  onlineHours?: number;
};

/** Whether a record completes the training: passed with enough hours. */
export const completesTraining = (passed: boolean, onlineHours: number) =>
  passed && onlineHours >= MIN_ONLINE_HOURS;

/** How many online hours are still missing (0 when enough), rounded to the half hour the form allows. */
export function hoursMissing(onlineHours: number): number {
  return Math.max(0, Math.ceil((MIN_ONLINE_HOURS - onlineHours) * 2) / 2);
}

/**
 * Why a record leaves the filing 待培训, or null when it completes the training:
 * “在线学时 12 学时，不足 20 学时（还差 8 学时）”.
 */
export function trainingShortfall(passed: boolean, onlineHours: number): string | null {
  const missing = hoursMissing(onlineHours);
  const hours =
    missing > 0
      ? `在线学时 ${onlineHours} 学时，不足 ${MIN_ONLINE_HOURS} 学时（还差 ${missing} 学时）`
      : null;
  if (passed) return hours;
  return ['专题培训不合格', hours].filter(Boolean).join('；');
}

/** One record's result in words, for the training tables: 合格 alone only when it completed the training. */
export function attemptResult(a: TrainingAttempt): string {
  if (!a.passed) return '不合格，须再次参加专题培训';
  if (a.onlineHours === undefined) return '合格';
  return completesTraining(true, a.onlineHours)
    ? '合格，培训完成'
    : `合格，但在线学时不足 ${MIN_ONLINE_HOURS} 学时，培训未完成`;
}

/** The online hours with what they are worth: “12 学时（不足 20 学时，还差 8 学时）”. */
export function hoursText(onlineHours: number): string {
  const missing = hoursMissing(onlineHours);
  return missing > 0
    ? `${onlineHours} 学时（不足 ${MIN_ONLINE_HOURS} 学时，还差 ${missing} 学时）`
    : `${onlineHours} 学时（已达到 ${MIN_ONLINE_HOURS} 学时）`;
}

/** The columns of a training table and one record's cells in them (dates as given, YYYY-MM-DD). */
export const attemptColumns = ['专题培训日期', '当时的在线学时', '结果', '证书编号'];
export function attemptCells(a: TrainingAttempt, formatDate: (day: string) => string): string[] {
  return [
    formatDate(a.date),
    a.onlineHours === undefined ? '—' : `${a.onlineHours} 学时`,
    attemptResult(a),
    a.certificateNo ?? '—',
  ];
}
