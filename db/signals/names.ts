import { createInitiative, listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { createTeam, listTeams } from '../teams/teams';

/**
 * Resolves team and initiative names from a CSV to ids: trimmed, case-insensitive. Unknown names
 * are collected with their rows (the import fails listing them all) unless `createMissing`, which
 * creates them through the write path inside the import's transaction.
 */
export class NameResolver {
  private readonly teams = new Map<string, string[]>();
  private readonly initiatives = new Map<string, string[]>();
  readonly unknownTeams = new Map<string, NameRows>();
  readonly unknownInitiatives = new Map<string, NameRows>();
  readonly ambiguousTeams = new Map<string, NameRows>();
  readonly created = { teams: [] as string[], initiatives: [] as string[] };

  constructor(
    private readonly engine: Engine,
    private readonly authorId: string | null,
    private readonly createMissing: boolean,
    /** Only check (an import's first pass, which writes nothing): a name to create gets a stand-in id. */
    private readonly checkOnly = false,
  ) {
    for (const t of listTeams(engine)) this.teams.set(key(t.name), [...(this.teams.get(key(t.name)) ?? []), t.id]);
    for (const i of listInitiatives(engine)) this.initiatives.set(key(i.name), [i.id]);
  }

  team(name: string, row: number): string | null {
    const ids = this.teams.get(key(name));
    if (ids && ids.length === 1) return ids[0] ?? null;
    if (ids && ids.length > 1) {
      note(this.ambiguousTeams, name.trim(), row);
      return null;
    }
    if (this.createMissing && this.checkOnly) return standIn(name);
    if (this.createMissing) {
      const { id } = createTeam({ engine: this.engine, authorId: this.authorId }, { name: name.trim() });
      this.teams.set(key(name), [id]);
      this.created.teams.push(name.trim());
      return id;
    }
    note(this.unknownTeams, name.trim(), row);
    return null;
  }

  initiative(name: string, row: number): string | null {
    const ids = this.initiatives.get(key(name));
    if (ids?.[0]) return ids[0];
    if (this.createMissing && this.checkOnly) return standIn(name);
    if (this.createMissing) {
      const { id } = createInitiative({ engine: this.engine, authorId: this.authorId }, { name: name.trim() });
      this.initiatives.set(key(name), [id]);
      this.created.initiatives.push(name.trim());
      return id;
    }
    note(this.unknownInitiatives, name.trim(), row);
    return null;
  }

  /**
   * The unknown and ambiguous names for an error message, each list capped like row errors (the
   * first NAMES_LISTED names, each with its first ROWS_LISTED rows, then how many more), and the
   * same capped lists as details; null when every name was found.
   */
  problems(): { text: string; details: Record<string, unknown> } | null {
    const lists: [string, string, Map<string, NameRows>][] = [
      ['unknown teams', 'unknownTeams', this.unknownTeams],
      ['unknown initiatives', 'unknownInitiatives', this.unknownInitiatives],
      ['team names that match more than one team (rename one of them)', 'ambiguousTeams', this.ambiguousTeams],
    ];
    const parts: string[] = [];
    const details: Record<string, unknown> = {};
    for (const [label, field, map] of lists) {
      if (map.size === 0) continue;
      const listed = [...take(map.entries(), NAMES_LISTED)];
      const names = listed.map(([n, r]) => {
        const more = r.count - r.rows.length;
        return `"${n}" (row${r.count > 1 ? 's' : ''} ${r.rows.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
      });
      const moreNames = map.size - listed.length;
      parts.push(`${label}: ${names.join(', ')}${moreNames > 0 ? `, and ${moreNames.toLocaleString('en-US')} more` : ''}`);
      details[field] = Object.fromEntries(listed.map(([n, r]) => [n, r.rows]));
      details[`${field}Count`] = map.size;
    }
    return parts.length === 0 ? null : { text: parts.join('; '), details };
  }
}

/** What an error says of the names: the hint after the lists. */
export const NAMES_HINT =
  'Check the spelling, add them in the app first, or import again creating them (the --create-missing option, or "Create them" in the app).';

/** Names listed in an error, and rows listed per name; the rest are counted. */
const NAMES_LISTED = 100;
const ROWS_LISTED = 8;

/** The rows a name was met in: the first ROWS_LISTED, and how many in all. */
interface NameRows {
  rows: number[];
  count: number;
}

function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const item of items) {
    yield item;
    if (++i >= n) return;
  }
}

const key = (name: string) => name.trim().toLocaleLowerCase();

/** The id a name to be created stands in with while a file is only checked: the same for every spelling of it. */
const standIn = (name: string) => `new:${key(name)}`;

function note(map: Map<string, NameRows>, name: string, row: number) {
  let seen = map.get(name);
  if (!seen) {
    seen = { rows: [], count: 0 };
    map.set(name, seen);
  }
  seen.count++;
  if (seen.rows.length < ROWS_LISTED) seen.rows.push(row);
}
