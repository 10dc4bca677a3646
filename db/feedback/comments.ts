import { badInput, forbidden } from '../errors';
import { listMembers } from '../members/members';
import { ROLE_LABELS } from '../members/model';
import type { Engine } from '../open';
import { namesById, type RecordKit, recordKit, type Session } from '../records';
import { feedbackComments } from '../schema';
import { getFeedback } from './feedback';
import type { FeedbackComment } from './model';
import { mayTriage } from './triagers';

type Row = typeof feedbackComments.$inferSelect;

function shape(engine: Engine, rows: Row[]): FeedbackComment[] {
  const members = namesById(engine, listMembers);
  const edits = engine.sqlite
    .prepare<[string], number>("SELECT COUNT(DISTINCT hlc) FROM change_log WHERE tbl = 'feedback_comments' AND row_id = ? AND col = 'body'")
    .pluck();
  return rows
    .map(({ lastHlc: _, ...c }) => ({ ...c, author: members.get(c.authorId) ?? null, edited: (edits.get(c.id) ?? 0) > 1 }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** An item's comments, oldest first (newest last, as a conversation reads). */
export function listComments(engine: Engine, feedbackId: string, includeDeleted = false): FeedbackComment[] {
  const rows = engine.orm
    .select()
    .from(feedbackComments)
    .all()
    .filter((c) => c.feedbackId === feedbackId && (includeDeleted || !c.deleted));
  return shape(engine, rows);
}

const records: RecordKit<FeedbackComment> = recordKit({
  table: 'feedback_comments',
  label: 'comment',
  find: (engine, id) => {
    const row = engine.sqlite.prepare<[string], { feedback_id: string }>('SELECT feedback_id FROM feedback_comments WHERE id = ?').get(id);
    return row ? listComments(engine, row.feedback_id, true).find((c) => c.id === id) : undefined;
  },
});

/** Who may comment on an item: its readers who log feedback (change managers, champions) and whoever triages it. */
function checkMayComment(s: Session, feedbackId: string): void {
  const item = getFeedback(s.engine, feedbackId);
  if (item.deleted) throw badInput(`feedbackId: the feedback item ${feedbackId} was deleted; comment on a live one.`);
  if (!s.authorId) throw forbidden('A comment needs an author: choose a profile to act as (in the CLI: --as NAME).');
  const role = listMembers(s.engine).find((m) => m.id === s.authorId)?.role;
  if (role === 'change_manager' || role === 'champion' || mayTriage(s.engine, s.authorId, item.initiativeId)) return;
  throw forbidden('Only change managers, champions and the initiative’s AI product owner and technical lead comment on feedback.');
}

/** Only a comment's author changes or deletes it; the message names the operation as a refused role's does. */
function checkOwn(s: Session, comment: FeedbackComment, operation: string): void {
  if (comment.authorId === s.authorId) return;
  const me = listMembers(s.engine, true).find((m) => m.id === s.authorId);
  const who = me ? `${me.name} is a ${ROLE_LABELS[me.role].toLowerCase()} and` : 'This member';
  throw forbidden(
    `${who} may not run ${operation} on this comment: it is ${comment.author ?? 'another member'}’s, and only its author may change or delete it. Add a comment of your own instead.`,
  );
}

/** A comment by the acting member; `at` is for the demo's history only. */
export function addComment(s: Session, input: { feedbackId: string; body: string }, at: Date = new Date()): FeedbackComment {
  return records.create(s, () => {
    checkMayComment(s, input.feedbackId);
    return { feedbackId: input.feedbackId, authorId: s.authorId, body: input.body, createdAt: at.toISOString() };
  });
}

export function editComment(s: Session, input: { id: string; body: string }): FeedbackComment {
  return records.update(s, input.id, (current) => {
    checkOwn(s, current, 'feedback.editComment');
    return { body: input.body };
  });
}

export const deleteComment = (s: Session, id: string): FeedbackComment =>
  records.remove(s, id, (current) => checkOwn(s, current, 'feedback.deleteComment'));
