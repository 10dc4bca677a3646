import { PLAN_CHANNEL_LABELS, PLAN_CHANNELS, TOUCHPOINT_STATE_LABELS } from '../../../db/api/types';
import type { ApiClient } from '../api/client';
import { labelled } from '../kit/fields';

/** A planned touchpoint as `stakeholderPlan.list` returns it (as of a day). */
export type Planned = Awaited<ReturnType<ApiClient['stakeholderPlan']['list']>>[number];

export const CHANNEL_OPTIONS = labelled(PLAN_CHANNELS, PLAN_CHANNEL_LABELS);
export { PLAN_CHANNEL_LABELS, TOUCHPOINT_STATE_LABELS };

/** The group a touchpoint is for, as the form's one select holds it: `team:<id>` or `tag:<tag>`. */
export const groupValue = (t: { teamId: string | null; tag: string | null }): string | null =>
  t.teamId ? `team:${t.teamId}` : t.tag ? `tag:${t.tag}` : null;
export function parseGroup(value: string | null): { teamId: string | null; tag: string | null } {
  if (value?.startsWith('team:')) return { teamId: value.slice(5), tag: null };
  if (value?.startsWith('tag:')) return { teamId: null, tag: value.slice(4) };
  return { teamId: null, tag: null };
}
export const groupName = (t: { team: string | null; tag: string | null }): string => t.team ?? (t.tag ? `#${t.tag}` : '—');
export const cadenceText = (everyDays: number | null): string =>
  everyDays === null ? 'Once' : everyDays === 1 ? 'Every day' : `Every ${everyDays} days`;
