/**
 * What notifies whom: the one place that maps a change — a filing's (action, from, to), a registration, a
 * cancellation, a password reset — to notifications. Each function returns outbox statements (or a hook running
 * them) for the SAME write as the change: a Drizzle transaction's `also` hook for filing transitions, extra
 * statements of a `client.batch([...], 'write')` for registrations.
 */
import type { SQL } from 'drizzle-orm';
import type { FilingRow } from '../../db/queries/filings/filings.ts';
import {
  attendeeTexts,
  cancelledSource,
  promotedSource,
  registeredSource,
  reminderSource,
} from '../../db/queries/notifications/events.ts';
import { filingSource } from '../../db/queries/notifications/filings.ts';
import {
  accountIs,
  enterpriseAccounts,
  newOutboxWrite,
  type OutboxDraft,
  type OutboxWrite,
  outboxStatements,
  roleAccounts,
  toAccounts,
  writeOutbox,
} from '../../db/queries/notifications/outbox.ts';
import type { FilingActionInput } from '../../src/shared/filings/actions.ts';
import { roleName } from '../../src/shared/filings/status.ts';
import type { NotificationKind } from '../../src/shared/notifications/kinds.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { channelsFor } from './channels.ts';

type Notice = { kind: NotificationKind; to: SQL; data?: Record<string, unknown> };

/** A filing's transition as the workflow applies it. */
export type FilingChange = { by: SignedIn; filing: FilingRow; input: FilingActionInput; to: string };

/** (action, from, to) → notices. `from` is `change.filing.status`; every action here has one `to` or two. */
function filingNotices({ by, filing, input, to }: FilingChange): Notice[] {
  const enterprise = enterpriseAccounts(filing.enterpriseId);
  switch (input.action) {
    case 'submit':
      return [{ kind: 'filing_submitted', to: roleAccounts('city_tourism', filing.city) }];
    case 'city_approve':
      return [{ kind: 'filing_city_approved', to: roleAccounts('province_tourism') }];
    case 'province_approve':
      return [
        { kind: 'filing_province_approved', to: roleAccounts('market_regulation') },
        { kind: 'filing_awaiting_training', to: enterprise },
      ];
    case 'city_return':
    case 'province_return':
      return [
        {
          kind: 'filing_returned',
          to: enterprise,
          data: { by: `${roleName(by.role)}`, reasons: Object.keys(input.reasons).length },
        },
      ];
    case 'city_reject':
      return [{ kind: 'filing_rejected', to: enterprise }];
    case 'record_training':
      return [
        {
          kind: 'filing_training_recorded',
          to: enterprise,
          data: { passed: to === 'trained', trainingPassed: input.passed, onlineHours: input.onlineHours },
        },
      ];
    case 'recognize':
      return [{ kind: 'filing_recognized', to: enterprise }];
    case 'deregister':
      return [{ kind: 'filing_deregistered', to: enterprise }];
    case 'withdraw_publication_consent':
      return [{ kind: 'filing_consent_withdrawn', to: enterprise }];
    default:
      // withdraw, request_deregistration: the enterprise acted itself and its reviewers see it in their queue.
      return [];
  }
}

/**
 * The filing transition's `also` hook with its notifications added: runs `also` (if any), then writes the
 * outbox rows in the same transaction.
 */
export function withFilingNotices<Tx extends { run: (q: SQL) => Promise<unknown> }>(
  deps: Deps,
  change: FilingChange,
  also?: (tx: Tx) => Promise<void>,
): (tx: Tx) => Promise<void> {
  const notices = filingNotices(change);
  const { filing } = change;
  const facts = { filing: filing.id, enterprise: filing.enterpriseName, city: filing.city };
  return async (tx) => {
    await also?.(tx);
    if (notices.length === 0) return;
    const drafts = notices.map((n) => ({
      kind: n.kind,
      channels: channelsFor(deps.notifications, n.kind),
      source: filingSource(n.to, filing.id, { ...facts, ...n.data }),
    }));
    await writeOutbox(tx, outboxStatements(drafts, newOutboxWrite(deps.now())));
  };
}

function draft(deps: Deps, kind: NotificationKind, source: SQL): OutboxDraft {
  return { kind, channels: channelsFor(deps.notifications, kind), source };
}

/** Statements for a registration's write batch: confirmed / waitlisted, and anyone its self-repair promoted. */
export function registrationNotices(deps: Deps, r: { registrationId: string; eventId: string; now: Date }) {
  const write: OutboxWrite = newOutboxWrite(r.now);
  return outboxStatements(
    [
      draft(
        deps,
        'registration_confirmed',
        registeredSource(r.registrationId, 'confirmed', 'registration_confirmed'),
      ),
      draft(
        deps,
        'registration_waitlisted',
        registeredSource(r.registrationId, 'waitlisted', 'registration_waitlisted'),
      ),
      draft(deps, 'registration_promoted', promotedSource(r.eventId, write)),
    ],
    write,
    [attendeeTexts(write)],
  );
}

/** Statements for a cancellation's write batch: the cancelled attendees, and those promoted into their seats. */
export function cancellationNotices(deps: Deps, r: { registrationId: string; eventId: string; now: Date }) {
  const write = newOutboxWrite(r.now);
  return outboxStatements(
    [
      draft(deps, 'registration_cancelled', cancelledSource(r.registrationId, write)),
      draft(deps, 'registration_promoted', promotedSource(r.eventId, write)),
    ],
    write,
    [attendeeTexts(write)],
  );
}

/** Statements for an organizer's change of the event's rules: a capacity raised promotes the waitlist. */
export function promotionNotices(deps: Deps, eventId: string, now: Date) {
  const write = newOutboxWrite(now);
  return outboxStatements([draft(deps, 'registration_promoted', promotedSource(eventId, write))], write, [
    attendeeTexts(write),
  ]);
}

/** The 24-hour reminders due now (each registration once), written by the dispatcher's periodic pass. */
export function reminderNotices(deps: Deps, now: Date) {
  const write = newOutboxWrite(now);
  return outboxStatements([draft(deps, 'event_reminder', reminderSource(write))], write, [
    attendeeTexts(write),
  ]);
}

/** Statements for an admin's password reset: the account is told (its sessions ended in the same write). */
export function passwordResetNotices(deps: Deps, accountId: string) {
  const write = newOutboxWrite(deps.now());
  return outboxStatements([draft(deps, 'password_reset', toAccounts(accountIs(accountId), {}))], write);
}
