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
  failurePattern: string | null;
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
