import { forbidden } from '../errors';
import { listInitiatives, storedMember } from '../initiatives/initiatives';
import type { Initiative } from '../initiatives/model';
import type { Role } from '../members/model';
import type { Engine } from '../open';
import type { Session } from '../records';
import type { FieldChange } from '../sync/files';
import { isTriageField, SYNCED_WRITERS, type SyncedTableName } from '../synced';

/*
 * Who triages feedback: change managers, for every initiative, and an initiative's AI product
 * owner and technical lead (when they are members of the workspace), for that initiative's
 * feedback, whatever their role. The API, the write functions and sync all ask here.
 */

interface Author {
  name: string;
  role: Role;
}

function author(engine: Engine, memberId: string): Author | undefined {
  return engine.sqlite.prepare<[string], Author>('SELECT name, role FROM members WHERE id = ? AND deleted = 0').get(memberId);
}

/** The member ids of an initiative's AI product owner and technical lead. */
export function initiativeTriagers(initiative: Pick<Initiative, 'productOwner' | 'technicalLead'>): string[] {
  return [initiative.productOwner?.memberId, initiative.technicalLead?.memberId].filter((m): m is string => !!m);
}

/** The initiatives a member is the AI product owner or technical lead of. */
export function triagedBy(engine: Engine, memberId: string): Initiative[] {
  return listInitiatives(engine).filter((i) => initiativeTriagers(i).includes(memberId));
}

/** May this member triage the feedback of this initiative? */
export function mayTriage(engine: Engine, memberId: string | null, initiativeId: string): boolean {
  if (!memberId) return false;
  const who = author(engine, memberId);
  if (!who) return false;
  if (who.role === 'change_manager') return true;
  const initiative = listInitiatives(engine).find((i) => i.id === initiativeId);
  return !!initiative && initiativeTriagers(initiative).includes(memberId);
}

/** May this member name failure patterns (a change manager, or the product owner or technical lead of any initiative)? */
export function mayNamePatterns(engine: Engine, memberId: string | null): boolean {
  if (!memberId) return false;
  const who = author(engine, memberId);
  return !!who && (who.role === 'change_manager' || triagedBy(engine, memberId).length > 0);
}

/**
 * Refuses, in words, a triage of feedback from initiatives the acting member does not triage. A
 * write without an author (the system, the demo's setup) is not a person's and is not judged.
 */
export function checkMayTriage(s: Session, initiativeIds: Iterable<string>): void {
  if (!s.authorId) return;
  const who = author(s.engine, s.authorId);
  if (who?.role === 'change_manager') return;
  const names = new Map(listInitiatives(s.engine, true).map((i) => [i.id, i]));
  const refused = [...new Set(initiativeIds)].filter((id) => !mayTriage(s.engine, s.authorId, id));
  if (refused.length === 0) return;
  const list = refused.map((id) => names.get(id)?.name ?? id).join(', ');
  throw forbidden(
    `${who?.name ?? 'This member'} is not the AI product owner or technical lead of ${list}: only they or a change manager may triage its feedback or group it into patterns. Ask one of them, or a change manager to name you on the initiative (Initiatives).`,
  );
}

/** Refuses naming, changing or deleting a failure pattern by a member who triages no initiative. */
export function checkMayNamePatterns(s: Session): void {
  if (!s.authorId || mayNamePatterns(s.engine, s.authorId)) return;
  const who = author(s.engine, s.authorId);
  throw forbidden(
    `${who?.name ?? 'This member'} may not name or change failure patterns: only a change manager or an initiative’s AI product owner or technical lead may.`,
  );
}

/** The initiative columns naming who triages its feedback besides change managers (SQL names). */
const TRIAD_COLUMNS = ['product_owner', 'technical_lead'] as const;

/** What a new feedback item starts with: its reporter may write these, nothing else of its triage (a pattern: any, as linking a suggestion). */
const FIRST_VALUES: Record<string, string | undefined> = {
  status: '"new"',
  assignee_id: 'null',
  resolved_version: 'null',
  duplicate_of_id: 'null',
};

/**
 * The rule sync applies, field by field, to one file's changes to feedback, failure patterns and
 * comments, given what the author's role alone allows (`byRole`, SYNCED_WRITERS and
 * TRIAGE_COLUMNS): an initiative's product owner and technical lead triage its feedback, name
 * patterns and comment; a new item's reporter writes its first values; only a comment's author
 * writes it. Who fills those two roles is judged as the writing device knew it when it made the
 * change (`known`: a field's value, as JSON text, as that device knew it at a stamp), like the
 * author's role: a product owner's triage made before their device heard they were replaced still
 * counts, one made after does not.
 */
export function triageJudge(
  engine: Engine,
  changes: readonly FieldChange[],
  known: (tbl: string, rowId: string, col: string, hlc: string) => string | null,
) {
  const itemInitiative = engine.sqlite.prepare<[string], string>('SELECT initiative_id FROM feedback WHERE id = ?').pluck();
  const commentRow = engine.sqlite.prepare<[string], { author_id: string; feedback_id: string }>(
    'SELECT author_id, feedback_id FROM feedback_comments WHERE id = ?',
  );
  const inFile = new Map<string, string>();
  for (const c of changes)
    if ((c.tbl === 'feedback' || c.tbl === 'feedback_comments') && c.value && ['initiative_id', 'author_id', 'feedback_id'].includes(c.col))
      inFile.set(`${c.tbl}.${c.col}.${c.rowId}`, JSON.parse(c.value) as string);
  // Every initiative, the file's new ones included (read once, when a pattern change asks): a failure
  // pattern is any initiative's lead's to name.
  let initiatives: string[] | undefined;
  const allInitiatives = () =>
    (initiatives ??= [
      ...new Set([
        ...engine.sqlite.prepare<[], string>('SELECT id FROM initiatives').pluck().all(),
        ...changes.filter((c) => c.tbl === 'initiatives').map((c) => c.rowId),
      ]),
    ]);
  // A removed member fills no role, and a removed initiative has no leads (as the writing device knew it too).
  const removed = (tbl: 'members' | 'initiatives', id: string, hlc: string) => known(tbl, id, 'deleted', hlc) === 'true';
  const leadsOf = (initiative: string | undefined, author: string, hlc: string) =>
    !!initiative &&
    !removed('initiatives', initiative, hlc) &&
    !removed('members', author, hlc) &&
    TRIAD_COLUMNS.some((col) => {
      const value = known('initiatives', initiative, col, hlc);
      return storedMember(value === null ? null : (JSON.parse(value) as string | null)) === author;
    });
  const initiativeOf = (feedbackId: string) => itemInitiative.get(feedbackId) ?? inFile.get(`feedback.initiative_id.${feedbackId}`);
  return (c: FieldChange, role: Role | null, byRole: boolean): boolean => {
    const table = c.tbl as SyncedTableName;
    const author = c.authorId;
    if (!author || !role) return false;
    if (table === 'feedback_comments') {
      const local = commentRow.get(c.rowId);
      const owner = local?.author_id ?? inFile.get(`feedback_comments.author_id.${c.rowId}`);
      if (owner !== author) return false;
      const item = local?.feedback_id ?? inFile.get(`feedback_comments.feedback_id.${c.rowId}`);
      return byRole || leadsOf(item ? initiativeOf(item) : undefined, author, c.hlc);
    }
    if (byRole || !isTriageField(table, c.col)) return byRole;
    if (table === 'failure_patterns') return allInitiatives().some((i) => leadsOf(i, author, c.hlc));
    if (table !== 'feedback') return false;
    if (leadsOf(initiativeOf(c.rowId), author, c.hlc)) return true;
    const created = itemInitiative.get(c.rowId) === undefined;
    return created && SYNCED_WRITERS.feedback.includes(role) && (c.col === 'pattern_id' || FIRST_VALUES[c.col] === c.value);
  };
}
