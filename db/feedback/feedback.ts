import { eq } from 'drizzle-orm';
import { badInput, forbidden } from '../errors';
import { listInitiatives } from '../initiatives/initiatives';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { findRow, inTransaction, namesById, type RecordKit, recordKit, type Session, tableRows, withNulls } from '../records';
import { failurePatterns, feedback } from '../schema';
import { listTeams } from '../teams/teams';
import { write } from '../write';
import {
  canMove,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TRANSITIONS,
  type Feedback,
  type FeedbackCategory,
  type FeedbackCaught,
  type FeedbackSeverity,
  type FeedbackStatus,
} from './model';
import { checkMayTriage } from './triagers';

/** Feedback rows as records: the names of what each points at, deleted ones included (unsorted). */
function toFeedback(engine: Engine, rows: (typeof feedback.$inferSelect)[]): Feedback[] {
  const initiatives = namesById(engine, listInitiatives);
  const teams = namesById(engine, listTeams);
  const members = namesById(engine, listMembers);
  const patterns = namesById(engine, () =>
    engine.orm.select({ id: failurePatterns.id, name: failurePatterns.name }).from(failurePatterns).all(),
  );
  return rows.map(({ lastHlc: _, ...f }) => ({
    ...f,
    initiative: initiatives.get(f.initiativeId) ?? null,
    team: teams.get(f.teamId) ?? null,
    reporter: f.reporterId ? (members.get(f.reporterId) ?? null) : null,
    assignee: f.assigneeId ? (members.get(f.assigneeId) ?? null) : null,
    pattern: f.patternId ? (patterns.get(f.patternId) ?? null) : null,
  }));
}

export function listFeedback(engine: Engine, includeDeleted = false): Feedback[] {
  return toFeedback(engine, tableRows(engine, feedback, includeDeleted)).sort(
    (a, b) => b.reportedAt.localeCompare(a.reportedAt) || a.id.localeCompare(b.id),
  );
}

// One item is read by its id (a triage of many items reads each), not found in the whole list.
const records: RecordKit<Feedback> = recordKit({ table: 'feedback', label: 'feedback item', find: findRow(feedback, toFeedback) });
export const getFeedback = records.get;

export interface FeedbackFields {
  initiativeId: string;
  modelVersion?: string | null | undefined;
  teamId: string;
  caseRef?: string | null | undefined;
  aiSaid: string;
  whatWasRight: string;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  confidentlyWrong?: boolean | undefined;
  statedConfidence?: number | null | undefined;
  caught: FeedbackCaught;
  /** The failure pattern it belongs to (a suggestion taken while logging it, or triage's grouping). */
  patternId?: string | null | undefined;
}

/** The initiative's model versions when it lists some: a version must be one of them. */
function checkVersion(engine: Engine, initiativeId: string, field: string, version: string | null | undefined) {
  const initiative = listInitiatives(engine).find((i) => i.id === initiativeId);
  if (!initiative) throw badInput(`initiativeId: no initiative with id ${initiativeId}. List them with initiatives.list.`);
  if (version && initiative.modelVersions.length > 0 && !initiative.modelVersions.includes(version))
    throw badInput(
      `${field}: ${initiative.name} has no model version "${version}" (it has ${initiative.modelVersions.join(', ')}). Add it to the initiative first, or pick one of those.`,
    );
}

/** A live failure pattern, or the user's mistake said plainly. */
export function checkPattern(engine: Engine, patternId: string): void {
  const found = engine.orm
    .select({ deleted: failurePatterns.deleted })
    .from(failurePatterns)
    .where(eq(failurePatterns.id, patternId))
    .get();
  if (!found || found.deleted) throw badInput(`patternId: no failure pattern with id ${patternId}. List them with failurePatterns.list.`);
}

function checkFields(engine: Engine, f: FeedbackFields) {
  checkVersion(engine, f.initiativeId, 'modelVersion', f.modelVersion);
  if (!listTeams(engine).some((t) => t.id === f.teamId)) throw badInput(`teamId: no team with id ${f.teamId}.`);
  if (!f.confidentlyWrong && f.statedConfidence != null)
    throw badInput('statedConfidence: give the AI’s stated confidence only for a confidently wrong prediction (set confidentlyWrong).');
}

/** Logs feedback as the acting member (the reporter), status new; `at` is for the demo's history only. */
export function createFeedback(s: Session, input: FeedbackFields, at: Date = new Date()): Feedback {
  return records.create(s, () => {
    checkFields(s.engine, input);
    if (input.patternId) checkPattern(s.engine, input.patternId);
    if (!s.authorId) throw forbidden('Feedback needs a reporter: choose a profile to act as (in the CLI: --as NAME).');
    return {
      ...withNulls(input, ['modelVersion', 'caseRef', 'statedConfidence', 'patternId']),
      confidentlyWrong: input.confidentlyWrong ?? false,
      reporterId: s.authorId,
      reportedAt: at.toISOString(),
      status: 'new',
      assigneeId: null,
      resolvedVersion: null,
      duplicateOfId: null,
    };
  });
}

/** Corrects what was logged (not its triage). */
export function updateFeedback(s: Session, { id, ...patch }: Partial<FeedbackFields> & { id: string }): Feedback {
  return records.update(s, id, (current) => {
    checkFields(s.engine, { ...current, ...patch });
    if (patch.patternId) checkPattern(s.engine, patch.patternId);
    // Moving a logged item into or out of a pattern is grouping, which is triage.
    if (patch.patternId !== undefined && patch.patternId !== current.patternId) checkMayTriage(s, [current.initiativeId]);
    return patch;
  });
}

export const deleteFeedback = (s: Session, id: string): Feedback => records.remove(s, id);

export interface TriageInput {
  ids: string[];
  status?: FeedbackStatus | undefined;
  assigneeId?: string | null | undefined;
  resolvedVersion?: string | null | undefined;
  duplicateOfId?: string | null | undefined;
}

/** The original a duplicate stands for: following duplicate links to the first item that is not one. */
function originalOf(engine: Engine, id: string): Feedback {
  const seen = new Set<string>();
  let item = records.live(engine, id);
  while (item.status === 'duplicate' && item.duplicateOfId && !seen.has(item.id)) {
    seen.add(item.id);
    item = records.get(engine, item.duplicateOfId);
  }
  return item;
}

/**
 * Triage of one or more items in one transaction: all change or none do. The status moves along
 * FEEDBACK_TRANSITIONS; resolved needs the model version that fixed it, duplicate the item it
 * duplicates (linked to that item's original when it is itself a duplicate, never to itself).
 */
export function triageFeedback(s: Session, input: TriageInput): Feedback[] {
  if (input.ids.length === 0) throw badInput('ids: pick at least one feedback item.');
  if (input.assigneeId && !listMembers(s.engine).some((m) => m.id === input.assigneeId))
    throw badInput(`assigneeId: no member with id ${input.assigneeId}.`);
  return inTransaction(s.engine, () => {
    const problems: string[] = [];
    const changes: [string, Record<string, unknown>][] = [];
    checkMayTriage(
      s,
      [...new Set(input.ids)].map((id) => records.live(s.engine, id).initiativeId),
    );
    for (const id of new Set(input.ids)) {
      const item = records.live(s.engine, id);
      const patch: Record<string, unknown> = {};
      if (input.assigneeId !== undefined) patch.assigneeId = input.assigneeId;
      const to = input.status;
      if (to && to !== item.status) {
        if (!canMove(item.status, to)) {
          const next = FEEDBACK_TRANSITIONS[item.status].map((x) => FEEDBACK_STATUS_LABELS[x]).join(', ');
          problems.push(
            `${id}: ${FEEDBACK_STATUS_LABELS[item.status]} cannot become ${FEEDBACK_STATUS_LABELS[to]} (it can become ${next}).`,
          );
          continue;
        }
        patch.status = to;
        patch.resolvedVersion = null;
        patch.duplicateOfId = null;
      }
      const status = to ?? item.status;
      if (status === 'resolved' && (to === 'resolved' || input.resolvedVersion !== undefined)) {
        const version = input.resolvedVersion ?? item.resolvedVersion;
        if (!version) {
          problems.push(`${id}: resolving needs the model version that fixed it (resolvedVersion).`);
          continue;
        }
        try {
          checkVersion(s.engine, item.initiativeId, 'resolvedVersion', version);
        } catch (e) {
          problems.push(`${id}: ${(e as Error).message}`);
          continue;
        }
        patch.resolvedVersion = version;
      }
      if (status === 'duplicate' && (to === 'duplicate' || input.duplicateOfId !== undefined)) {
        const target = input.duplicateOfId ?? item.duplicateOfId;
        if (!target) {
          problems.push(`${id}: a duplicate needs the item it duplicates (duplicateOfId).`);
          continue;
        }
        let original: Feedback;
        try {
          original = originalOf(s.engine, target);
        } catch {
          problems.push(`${id}: no feedback item with id ${target} to link it to.`);
          continue;
        }
        if (original.id === id) {
          problems.push(`${id}: an item cannot be a duplicate of itself or of its own duplicate.`);
          continue;
        }
        patch.duplicateOfId = original.id;
      }
      if (Object.keys(patch).length > 0) changes.push([id, patch]);
    }
    if (problems.length > 0) {
      const shown = problems.slice(0, 100).join('\n  ');
      const more = problems.length > 100 ? `\n  …and ${problems.length - 100} more` : '';
      throw badInput(`Nothing was changed:\n  ${shown}${more}`);
    }
    for (const [id, patch] of changes) write(s.engine, s.authorId, 'feedback', id, patch, 'update');
    return [...new Set(input.ids)].map((id) => records.get(s.engine, id));
  });
}
