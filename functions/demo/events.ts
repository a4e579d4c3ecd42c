/**
 * Demo events (演示数据): the events of the announcements in content/forums/, and a few registrations by demo
 * enterprises so that the organizer's roster is not empty. Made through the real registration code.
 */
import { findAccount, listDemoAccounts } from '../../db/queries/accounts.ts';
import type { Deps } from '../deps.ts';
import { register } from '../events/service.ts';
import { createEventsFromAnnouncements } from './announcements.ts';
import { mobile, personName, random } from './synthetic.ts';

/** The event that gets demo registrations (the province-wide forum has the most seats). */
export const DEMO_REGISTRATION_EVENT = 'provincial-quality-forum-2027';

export async function seedDemoEvents(deps: Deps): Promise<void> {
  const created = await createEventsFromAnnouncements(deps);
  if (!created.includes(DEMO_REGISTRATION_EVENT)) return;
  const r = random(2027);
  const enterprises = (await listDemoAccounts(deps.db)).filter((a) => a.role === 'enterprise').slice(0, 2);
  for (const [i, demo] of enterprises.entries()) {
    const account = await findAccount(deps.db, demo.id);
    if (!account) continue;
    const result = await register(deps, { ...account, sessionId: 'demo-seed' }, DEMO_REGISTRATION_EVENT, {
      idempotencyKey: `demo-seed-registration-${i}`,
      attendees: Array.from({ length: 2 - i }, () => ({
        name: personName(r),
        position: r.pick(['质量总监', '质量管理部经理', '副总经理']),
        mobile: mobile(r),
      })),
    });
    // Outside the registration window (a demo started long after the announcements) there is nothing to add.
    if (!result.ok && result.code !== 'closed' && result.code !== 'not_open') throw new Error(result.message);
  }
}
