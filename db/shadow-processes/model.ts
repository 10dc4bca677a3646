/** The shadow-process register: kinds and the shape every layer shares (pure; the renderer sees it). */
import { labelsOf } from '../values/model';
export const SHADOW_PROCESS_KINDS = ['spreadsheet', 'manual double-check', 'paper', 'legacy system', 'other'] as const;
export type ShadowProcessKind = (typeof SHADOW_PROCESS_KINDS)[number];
export const SHADOW_PROCESS_KIND_LABELS = labelsOf(SHADOW_PROCESS_KINDS);

export interface ShadowProcess {
  id: string;
  name: string;
  teamId: string;
  team: string | null;
  initiativeId: string | null;
  initiative: string | null;
  kind: ShadowProcessKind;
  owner: string | null;
  usersInvolved: number;
  reason: string | null;
  /** Free text from before the register linked patterns (shown as text when it names no pattern). */
  failurePattern: string | null;
  /** The pattern chosen in the register. */
  failurePatternId: string | null;
  /** The pattern the process hedges against: the chosen one, else the one its free text names. */
  patternId: string | null;
  pattern: string | null;
  /** The pattern was found by its name in the free text, not chosen. */
  patternByText: boolean;
  firstSeen: string;
  retiredOn: string | null;
  deleted: boolean;
}

/**
 * docs/metrics.md: a process is active in a period (dates `first`..`last`, YYYY-MM-DD) when it was
 * first seen by its last day and not retired before its first day.
 */
export const isActiveBetween = (p: { firstSeen: string; retiredOn: string | null }, first: string, last: string): boolean =>
  p.firstSeen <= last && (p.retiredOn === null || p.retiredOn >= first);
