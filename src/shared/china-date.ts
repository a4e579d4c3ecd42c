/**
 * Calendar date in China Standard Time (UTC+8, no daylight saving).
 *
 * The same check runs in the browser (user's local zone) and on the server (UTC in Workers), so "today"
 * must not depend on the runtime's zone: otherwise an ID number could pass the age check in the browser
 * and fail on the server around midnight. All users of the system are in Jilin, so China time is the
 * calendar that matters.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export type CalendarDate = { year: number; month: number; day: number };

/** The calendar date (month 1–12) that `instant` falls on in China Standard Time. */
export function chinaDate(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
