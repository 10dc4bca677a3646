import { SHADOW_PROCESS_KINDS as SHADOW_KINDS, SHADOW_PROCESS_KIND_LABELS } from '../../../db/api/types';
import type { ApiClient } from '../api/client';
import { today } from '../kit/days';
import { labelled } from '../kit/fields';

/** A register entry as `shadowProcesses.list` returns it (the renderer sees only the contract). */
export type ShadowProcess = Awaited<ReturnType<ApiClient['shadowProcesses']['list']>>[number];
export type ShadowKind = (typeof SHADOW_KINDS)[number];

export const KIND_LABELS = SHADOW_PROCESS_KIND_LABELS;

export const KIND_OPTIONS = labelled(SHADOW_KINDS, KIND_LABELS);

/**
 * Retired once its retirement date has come; a date still ahead means it is being phased out
 * but people keep it until then (docs/metrics.md counts it as active in those months).
 */
export function isRetired(p: Pick<ShadowProcess, 'retiredOn'>, on = today()): boolean {
  return p.retiredOn !== null && p.retiredOn <= on;
}

export type StatusFilter = 'all' | 'active' | 'retired';
