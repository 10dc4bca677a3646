import type { Team } from '../../../db/api/types';

/** A team and every team below it: not allowed as its new parent. */
export function selfAndDescendants(teams: readonly Team[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && ids.has(t.parentId) && !ids.has(t.id)) {
        ids.add(t.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Options for a parent-team select, in hierarchy order, labelled by their path. */
export function parentOptions(teams: readonly Team[], editingId: string | null) {
  const excluded = editingId ? selfAndDescendants(teams, editingId) : new Set<string>();
  return teams.filter((t) => !t.deleted && !excluded.has(t.id)).map((t) => ({ value: t.id, label: t.path.join(' › ') }));
}

/** Options for a team select: every team not deleted, in hierarchy order, labelled by its path. */
export const teamOptions = (teams: readonly Team[] | undefined) => parentOptions(teams ?? [], null);

type Placed = Pick<Team, 'id' | 'path'>;

/** A filter's team and the teams below it (by path, as in the report); none when no team is chosen. */
export function teamAndBelow(teams: readonly Placed[] | undefined, selected: Placed | undefined): Set<string> {
  if (!selected) return new Set();
  const path = selected.path.join('\u0001');
  return new Set((teams ?? []).filter((t) => t.path.slice(0, selected.path.length).join('\u0001') === path).map((t) => t.id));
}
