/**
 * Node only (the demo seed): reads the rules an announcement proposes from the frontmatter of
 * content/forums/<slug>.md and creates the event from them. From then on the `events` row is the only source
 * of truth — the pages show it through GET /api/events, and an organizer changes it in /admin/events/.
 * An event that already exists is never overwritten, so an organizer's edits survive every restart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import { eventCreate } from '../../src/shared/events/schemas.ts';
import type { Deps } from '../deps.ts';
import { createEvent } from '../events/service.ts';

export const announcementsDir = fileURLToPath(new URL('../../content/forums/', import.meta.url));

/** The event each announcement describes, validated like an organizer's input. */
export function readAnnouncements(dir = announcementsDir): z.output<typeof eventCreate>[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      if (!match?.[1]) throw new Error(`${name}: no frontmatter`);
      const f = parse(match[1]) as Record<string, unknown>;
      const parsed = eventCreate.safeParse({
        slug: basename(name, '.md'),
        title: f.title,
        kind: f.kind,
        city: f.city,
        venue: f.venue,
        organizer: f.organizer,
        startsAt: f.startsAt,
        endsAt: f.endsAt,
        capacity: f.capacity,
        maxPerEnterprise: f.maxPerEnterprise,
        registrationOpens: f.registrationOpens,
        registrationCloses: f.registrationCloses,
        sample: f.sample === true,
      });
      if (!parsed.success)
        throw new Error(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return parsed.data;
    });
}

/** Creates the events of announcements that have none yet; returns the slugs created. */
export async function createEventsFromAnnouncements(deps: Deps, dir = announcementsDir): Promise<string[]> {
  const created: string[] = [];
  for (const input of readAnnouncements(dir)) {
    if (await findEventWithCounts(deps.db, { slug: input.slug })) continue;
    const result = await createEvent(deps, input);
    if (!result.ok) throw new Error(`${input.slug}: ${result.message}`);
    created.push(input.slug);
  }
  return created;
}
