/** The stakeholder register: value lists, rules and the shapes every layer shares (pure; the renderer sees it). */
import { labelsOf } from '../values/model';

export const SUPPORT_LEVELS = ['opposed', 'sceptical', 'neutral', 'supportive', 'advocate'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
export const SUPPORT_LABELS = labelsOf(SUPPORT_LEVELS);

/** ADKAR (Prosci), in its order: the barrier point is the first weak element in this order. */
export const ADKAR_ELEMENTS = ['awareness', 'desire', 'knowledge', 'ability', 'reinforcement'] as const;
export type AdkarElement = (typeof ADKAR_ELEMENTS)[number];
export const ADKAR_LABELS = labelsOf(ADKAR_ELEMENTS);

/** Ratings (influence, interest, ADKAR) are whole numbers on this scale. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** An ADKAR element at or below this score is a barrier (docs/stakeholders.md). */
export const ADKAR_BARRIER_MAX = 3;
/** Influence or interest at or above this is "high" on the grid (docs/stakeholders.md). */
export const HIGH_RATING_MIN = 4;

export const QUADRANTS = ['manage closely', 'keep satisfied', 'keep informed', 'monitor'] as const;
export type Quadrant = (typeof QUADRANTS)[number];
export const QUADRANT_LABELS = labelsOf(QUADRANTS);

export const CONCERN_KINDS = ['job displacement', 'increased monitoring', 'loss of control', 'workflow disruption', 'other'] as const;
export type ConcernKind = (typeof CONCERN_KINDS)[number];
export const CONCERN_KIND_LABELS = labelsOf(CONCERN_KINDS);

export const CONCERN_STATUSES = ['raised', 'being addressed', 'resolved'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_STATUS_LABELS = labelsOf(CONCERN_STATUSES);

/** The kinds of custom field a workspace adds to its stakeholders (docs/stakeholders.md, "Custom fields"). */
export const FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_TYPE_LABELS = labelsOf(FIELD_TYPES);
/** A text value's longest length; a field's name and each choice. */
export const FIELD_TEXT_MAX = 2000;
export const FIELD_NAME_MAX = 60;
export const FIELD_CHOICE_MAX = 80;
export const FIELD_CHOICES_MAX = 50;

/** A number field's value is a number; the others' are text (a date as YYYY-MM-DD, a choice as one of the choices). */
export type FieldValue = string | number;

/** A custom field of the stakeholder register. */
export interface StakeholderField {
  id: string;
  name: string;
  type: FieldType;
  /** The choices of a "choice" field, in order; empty for the other types. */
  choices: string[];
  position: number;
  /** How many stakeholders (not removed) have a value: a field with values keeps its type. */
  used: number;
  deleted: boolean;
}

export type AdkarScores = Record<AdkarElement, number | null>;

export interface Stakeholder extends AdkarScores {
  id: string;
  name: string;
  title: string | null;
  teamId: string;
  team: string | null;
  email: string | null;
  influence: number;
  interest: number;
  support: SupportLevel;
  ownerMemberId: string | null;
  owner: string | null;
  tags: string[];
  notes: string | null;
  /** Derived: see quadrantOf and barrierPoint. */
  quadrant: Quadrant;
  barrierPoint: AdkarElement | null;
  openConcerns: number;
  /** The values of the workspace's custom fields (live fields only), by field id; a field without a value is absent. */
  fields: Record<string, FieldValue>;
  deleted: boolean;
}

export interface StakeholderConcern {
  id: string;
  stakeholderId: string;
  kind: ConcernKind;
  /** The workspace's own name for the concern (required for kind "other", optional otherwise). */
  label: string | null;
  status: ConcernStatus;
  note: string | null;
  raisedInSessionId: string | null;
  addressedInSessionId: string | null;
  deleted: boolean;
}

/** What the stakeholder page's timeline shows: one dated change of a rating or a concern. */
export interface StakeholderTimelineEntry {
  at: string;
  hlc: string;
  author: { id: string; name: string } | null;
  kind: 'created' | 'rating' | 'concern' | 'session';
  /** For a concern: which one. */
  concernId: string | null;
  /** A session they attended, or the session a rating change was made in. */
  session: { id: string; kind: string; sentiment: string | null } | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** The first ADKAR element (in ADKAR order) scored at 3 or below; null when none is, or none is assessed yet. */
export function barrierPoint(scores: AdkarScores): AdkarElement | null {
  for (const element of ADKAR_ELEMENTS) {
    const score = scores[element];
    if (score !== null && score <= ADKAR_BARRIER_MAX) return element;
  }
  return null;
}

/** Mendelow's grid on the 1–5 scale: 4 and 5 are high, 1 to 3 are not. */
export function quadrantOf(influence: number, interest: number): Quadrant {
  const highInfluence = influence >= HIGH_RATING_MIN;
  const highInterest = interest >= HIGH_RATING_MIN;
  if (highInfluence) return highInterest ? 'manage closely' : 'keep satisfied';
  return highInterest ? 'keep informed' : 'monitor';
}

export const isOpenConcern = (c: { status: ConcernStatus; deleted: boolean }): boolean => !c.deleted && c.status !== 'resolved';

export const concernName = (c: { kind: ConcernKind; label: string | null }): string => c.label ?? CONCERN_KIND_LABELS[c.kind];

/** One team's cell of the ADKAR heatmap: the average of the scores given (one decimal), how many were assessed. */
export interface AdkarCell {
  average: number | null;
  assessed: number;
  /** People of the team whose own barrier point is this element. */
  barriers: number;
}

/** The team view's row: who in one team stands where (docs/stakeholders.md, "Team view"). */
export interface TeamStakeholders {
  teamId: string;
  team: string;
  people: number;
  support: Record<SupportLevel, number>;
  adkar: Record<AdkarElement, AdkarCell>;
  /** The team's barrier point: the first element, in ADKAR order, whose average is 3 or below. */
  barrierPoint: AdkarElement | null;
  openConcerns: Record<ConcernKind, number>;
}

/** Concerns raised per month and kind, oldest month first; `open` counts those not resolved now. */
export interface ConcernTrend {
  months: string[];
  kinds: { kind: ConcernKind; open: number; raised: number[] }[];
}

export interface TeamView {
  teams: TeamStakeholders[];
  trend: ConcernTrend;
}

/** A stakeholder to talk to about their team's adoption gap. */
export interface GapContact {
  stakeholderId: string;
  name: string;
  title: string | null;
  support: SupportLevel;
  influence: number;
  interest: number;
  barrierPoint: AdkarElement | null;
  openConcerns: number;
  /** The date (YYYY-MM-DD) of the latest session they attended, on or before today; null when never met. */
  lastContact: string | null;
}

/** A team whose report shows an adoption gap or habitual overriding, with its people in the order to see them. */
export interface GapTeam {
  teamId: string;
  team: string;
  formal: number | null;
  real: number | null;
  gap: number | null;
  overrideRate: number | null;
  /** The report's alert codes that put the team here (ADOPTION_GAP, HIGH_OVERRIDE). */
  alerts: string[];
  people: GapContact[];
}

/** The report alerts that say formal adoption overstates real adoption: whose stakeholders to talk to. */
export const GAP_ALERTS = ['ADOPTION_GAP', 'HIGH_OVERRIDE'] as const;

const resistant = (s: SupportLevel): boolean => s === 'opposed' || s === 'sceptical';

/**
 * The order to talk to people about a gap: the opposed and sceptical with high influence (4–5)
 * first, then the other opposed and sceptical, then the neutral, then supporters (allies, last);
 * within each, the most influential first, then the least supportive, then by name.
 */
export function gapRank(a: Pick<GapContact, 'support' | 'influence'>): number {
  if (resistant(a.support)) return a.influence >= HIGH_RATING_MIN ? 0 : 1;
  return a.support === 'neutral' ? 2 : 3;
}
export function compareGapContacts(a: Pick<GapContact, 'support' | 'influence' | 'name'>, b: typeof a): number {
  return (
    gapRank(a) - gapRank(b) ||
    b.influence - a.influence ||
    SUPPORT_LEVELS.indexOf(a.support) - SUPPORT_LEVELS.indexOf(b.support) ||
    a.name.localeCompare(b.name)
  );
}

/** The register's CSV columns, in order (docs/stakeholders.md, "From the command line"); custom fields follow them. */
export const STAKEHOLDER_CSV_COLUMNS = [
  'name',
  'title',
  'team',
  'email',
  'influence',
  'interest',
  'support',
  ...ADKAR_ELEMENTS,
  'barrier_point',
  'quadrant',
  'open_concerns',
  'owner',
  'tags',
  'notes',
] as const;

/** The register exported as CSV: a file name for a save dialog or a download, and its text. */
export interface StakeholderCsv {
  fileName: string;
  mimeType: string;
  /** Stakeholders in it (lines after the header). */
  rows: number;
  content: string;
}

/** Whose stakeholders the acting member sees: everyone's, or (a champion) those of the teams they champion. */
export interface StakeholderScope {
  /** True for a champion: the register, sessions and actions are those of `teams` only. */
  limited: boolean;
  /** The teams a champion champions (sub-teams not listed: they are included). Empty when not limited. */
  teams: { id: string; name: string }[];
}
