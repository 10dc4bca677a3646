import { eq } from 'drizzle-orm';
import type { Engine } from '../open';
import { inTransaction, type Session } from '../records';
import { settings } from '../schema';
import { inScope, type TeamScope } from '../stakeholders/scope';
import { listStakeholders } from '../stakeholders/stakeholders';
import { write } from '../write';
import { addDays, type ContactCadence, DEFAULT_CONTACT_CADENCE, daysBetween, type RelationshipHealth } from './model';

const CADENCE_ID = 'contact-cadence';

interface Met {
  id: string;
  last: string;
  n30: number;
  n90: number;
}

/** Days between contacts per quadrant: the workspace's, else the defaults (docs/stakeholders.md). */
export function contactCadence(engine: Engine): ContactCadence {
  const row = engine.orm.select().from(settings).where(eq(settings.id, CADENCE_ID)).get();
  if (!row || row.deleted) return DEFAULT_CONTACT_CADENCE;
  return { ...DEFAULT_CONTACT_CADENCE, ...(JSON.parse(row.value) as Partial<ContactCadence>) };
}

export function saveContactCadence(s: Session, value: ContactCadence): ContactCadence {
  return inTransaction(s.engine, () => {
    const exists = s.engine.orm.select().from(settings).where(eq(settings.id, CADENCE_ID)).get();
    write(s.engine, s.authorId, 'settings', CADENCE_ID, { value: JSON.stringify(value) }, exists ? 'update' : 'create');
    return contactCadence(s.engine);
  });
}

/**
 * Every stakeholder's contact record as of `today` (YYYY-MM-DD): the latest session they attended
 * on or before it, how many in the 30 and 90 days up to and including it, and when the next
 * contact is due by their quadrant's cadence. Sessions after `today` (planned ones) do not count.
 */
export function relationshipHealth(engine: Engine, today: string, scope: TeamScope = null): RelationshipHealth[] {
  const cadence = contactCadence(engine);
  // Who met whom in the last 90 days up to today, first: the sessions of those days from their
  // index by date (days before the window are not read), each one's attendees from the covering
  // index by session (migration 0018), grouped by stakeholder. A day d is within n days of today
  // when today − d < n, that is d > today − n; `at` starts with its day, so d > x is at >= x + 1 day.
  const window = engine.sqlite
    .prepare(
      `SELECT a.stakeholder_id AS id, MAX(substr(s.at, 1, 10)) AS last, SUM(s.at >= ?) AS n30, COUNT(*) AS n90
       FROM stakeholder_sessions s INDEXED BY stakeholder_sessions_at
       CROSS JOIN session_attendees a INDEXED BY session_attendees_session ON a.session_id = s.id AND a.deleted = 0
       WHERE s.at >= ? AND s.at < ? AND s.deleted = 0 GROUP BY a.stakeholder_id`,
    )
    .all(addDays(today, -29), addDays(today, -89), addDays(today, 1)) as Met[];
  const met = new Map(window.map((r) => [r.id, r]));
  const people = listStakeholders(engine).filter((p) => inScope(scope, p.teamId));
  // Then the last contact before those 90 days of the people not met in them: by person (their
  // attendances, each session by id) when they are few, else in one pass over the older sessions.
  const unmet = people.filter((p) => !met.has(p.id)).map((p) => p.id);
  if (unmet.length > 0) {
    const before = addDays(today, -89);
    const older = (
      unmet.length * 4 <= people.length
        ? engine.sqlite
            .prepare(
              `SELECT a.stakeholder_id AS id, MAX(substr(s.at, 1, 10)) AS last
               FROM json_each(?) j CROSS JOIN session_attendees a INDEXED BY session_attendees_stakeholder ON a.stakeholder_id = j.value
               CROSS JOIN stakeholder_sessions s ON s.id = a.session_id
               WHERE a.deleted = 0 AND s.deleted = 0 AND s.at < ? GROUP BY a.stakeholder_id`,
            )
            .all(JSON.stringify(unmet), before)
        : engine.sqlite
            .prepare(
              `SELECT a.stakeholder_id AS id, MAX(substr(s.at, 1, 10)) AS last
               FROM stakeholder_sessions s NOT INDEXED
               CROSS JOIN session_attendees a INDEXED BY session_attendees_session ON a.session_id = s.id AND a.deleted = 0
               WHERE s.deleted = 0 AND s.at < ? GROUP BY a.stakeholder_id`,
            )
            .all(before)
    ) as { id: string; last: string }[];
    for (const r of older) if (!met.has(r.id)) met.set(r.id, { ...r, n30: 0, n90: 0 });
  }
  return people.map((p) => {
    const m = met.get(p.id);
    const lastContact = m?.last ?? null;
    const cadenceDays = cadence[p.quadrant];
    const dueOn = lastContact ? addDays(lastContact, cadenceDays) : null;
    const late = dueOn ? daysBetween(dueOn, today) : null;
    return {
      stakeholderId: p.id,
      name: p.name,
      team: p.team,
      quadrant: p.quadrant,
      support: p.support,
      lastContact,
      sessions30: m?.n30 ?? 0,
      sessions90: m?.n90 ?? 0,
      cadenceDays,
      dueOn,
      overdueDays: lastContact === null ? null : late !== null && late > 0 ? late : null,
    };
  });
}

/** Whether a stakeholder is due for contact: never met, or their cadence has run out. */
export const needsContact = (h: RelationshipHealth): boolean => h.lastContact === null || h.overdueDays !== null;

/**
 * The people due for contact as of `today`: first those whose cadence has run out, most days
 * past due first; then those never met, the shortest cadence (manage closely) first. A lapsed
 * relationship leads the list; the never met are the backlog behind it.
 */
export function needsAttention(engine: Engine, today: string, scope: TeamScope = null): RelationshipHealth[] {
  return relationshipHealth(engine, today, scope)
    .filter(needsContact)
    .sort((a, b) => (b.overdueDays ?? -1) - (a.overdueDays ?? -1) || a.cadenceDays - b.cadenceDays || a.name.localeCompare(b.name));
}
