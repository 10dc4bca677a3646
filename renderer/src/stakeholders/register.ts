import {
  ADKAR_ELEMENTS,
  ADKAR_LABELS,
  CONCERN_KIND_LABELS,
  CONCERN_KINDS,
  CONCERN_STATUS_LABELS,
  CONCERN_STATUSES,
  QUADRANT_LABELS,
  QUADRANTS,
  SUPPORT_LABELS,
  SUPPORT_LEVELS,
  type SupportLevel,
} from '../../../db/api/types';
import type { ApiClient } from '../api/client';
import { labelled } from '../kit/fields';

/** A register entry as `stakeholders.list` returns it (the renderer sees only the contract). */
export type Stakeholder = Awaited<ReturnType<ApiClient['stakeholders']['list']>>[number];
export type Concern = Awaited<ReturnType<ApiClient['stakeholders']['concerns']>>[number];

/**
 * Support from against to for, the one colour scale of every support mark (grid dots, team bars,
 * badges): warm for against, grey for neutral, cool and deepening for. Advocate is indigo, not a
 * second green, so it never reads as supportive.
 */
export const SUPPORT_COLORS: Record<SupportLevel, string> = {
  opposed: 'red',
  sceptical: 'orange',
  neutral: 'gray',
  supportive: 'teal',
  advocate: 'indigo',
};

/** A level's solid colour: the dots on the grid and in its legend. */
export const supportDot = (level: SupportLevel) => `var(--mantine-color-${SUPPORT_COLORS[level]}-6)`;

/** A level's pale fill, dark text on it: the team view's support bars and their legend. */
export const supportFill = (level: SupportLevel) => `var(--mantine-color-${SUPPORT_COLORS[level]}-2)`;

export const SUPPORT_OPTIONS = labelled(SUPPORT_LEVELS, SUPPORT_LABELS);
export const QUADRANT_OPTIONS = labelled(QUADRANTS, QUADRANT_LABELS);
export const CONCERN_KIND_OPTIONS = labelled(CONCERN_KINDS, CONCERN_KIND_LABELS);
export const CONCERN_STATUS_OPTIONS = labelled(CONCERN_STATUSES, CONCERN_STATUS_LABELS);
export { ADKAR_ELEMENTS, ADKAR_LABELS, QUADRANT_LABELS, SUPPORT_LABELS, SUPPORT_LEVELS };

export const SORTS = {
  name: { label: 'Name', compare: (a: Stakeholder, b: Stakeholder) => a.name.localeCompare(b.name) },
  influence: { label: 'Influence (high first)', compare: (a: Stakeholder, b: Stakeholder) => b.influence - a.influence },
  interest: { label: 'Interest (high first)', compare: (a: Stakeholder, b: Stakeholder) => b.interest - a.interest },
  support: {
    label: 'Support (opposed first)',
    compare: (a: Stakeholder, b: Stakeholder) => SUPPORT_LEVELS.indexOf(a.support) - SUPPORT_LEVELS.indexOf(b.support),
  },
  concerns: { label: 'Open concerns (most first)', compare: (a: Stakeholder, b: Stakeholder) => b.openConcerns - a.openConcerns },
  team: { label: 'Team', compare: (a: Stakeholder, b: Stakeholder) => (a.team ?? '').localeCompare(b.team ?? '') },
} as const;
export type SortKey = keyof typeof SORTS;
export const SORT_OPTIONS = Object.entries(SORTS).map(([value, s]) => ({ value, label: s.label }));

/** Whether `s` matches the search text: name, title, team, email, owner, a tag, or a text or choice custom field. */
export function matches(s: Stakeholder, search: string, fields: readonly { id: string; type: string }[] = []): boolean {
  const q = search.trim().toLowerCase();
  if (q === '') return true;
  const custom = fields.filter((f) => f.type === 'text' || f.type === 'choice').map((f) => s.fields[f.id]);
  return [s.name, s.title, s.team, s.email, s.owner, ...s.tags, ...custom].some(
    (v) => typeof v === 'string' && v.toLowerCase().includes(q),
  );
}
