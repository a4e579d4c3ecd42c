/**
 * Registration windows (upcoming / open / closed), on their own so that the small live-seats island on the
 * announcement pages can use them without loading the rest of the event words (event-labels.ts re-exports them).
 */
export const registrationWindows = ['upcoming', 'open', 'closed'] as const;
export type RegistrationWindow = (typeof registrationWindows)[number];

export function registrationWindow(
  e: { registrationOpens: string | Date; registrationCloses: string | Date },
  now: Date,
): RegistrationWindow {
  const t = now.getTime();
  if (t < new Date(e.registrationOpens).getTime()) return 'upcoming';
  return t < new Date(e.registrationCloses).getTime() ? 'open' : 'closed';
}

export function windowName(w: RegistrationWindow): string {
  return w === 'open' ? '报名中' : w === 'upcoming' ? '尚未开始报名' : '报名已截止';
}
