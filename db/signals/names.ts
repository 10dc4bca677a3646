import { badInput } from '../errors';
import { createInitiative, listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { createTeam, listTeams } from '../teams/teams';
import type { UnknownName } from './model';

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
  /** Existing names as the workspace spells them, for suggestions. */
  private readonly teamNames: string[] = [];
  private readonly initiativeNames: string[] = [];
  /** The import's map of names in the file to existing names, by the file name's key. */
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly authorId: string | null,
    private readonly createMissing: boolean,
    /** Only check (an import's first pass, which writes nothing): a name to create gets a stand-in id. */
    private readonly checkOnly = false,
    /** Names in the file → existing team or initiative names, applied to every row. */
    aliases: Record<string, string> = {},
  ) {
    for (const t of listTeams(engine)) {
      this.teams.set(key(t.name), [...(this.teams.get(key(t.name)) ?? []), t.id]);
      this.teamNames.push(t.name);
    }
    for (const i of listInitiatives(engine)) {
      this.initiatives.set(key(i.name), [i.id]);
      this.initiativeNames.push(i.name);
    }
    for (const [from, to] of Object.entries(aliases)) {
      if (!this.teams.has(key(to)) && !this.initiatives.has(key(to))) {
        throw badInput(`"${from}" is mapped to "${to}", which is not a team or initiative of this workspace. Map it to an existing name.`);
      }
      this.aliases.set(key(from), to);
    }
  }

  /** The name a file's name stands for: itself, unless the import maps it to another. */
  private mapped(name: string): string {
    return this.aliases.size === 0 ? name : (this.aliases.get(key(name)) ?? name);
  }

  team(fileName: string, row: number): string | null {
    const name = this.mapped(fileName);
    const ids = this.teams.get(key(name));
    if (ids && ids.length === 1) return ids[0] ?? null;
    if (ids && ids.length > 1) {
      note(this.ambiguousTeams, name.trim(), row);
      return null;
    }
    return this.missing('teams', name, row);
  }

  initiative(fileName: string, row: number): string | null {
    const name = this.mapped(fileName);
    const ids = this.initiatives.get(key(name));
    if (ids?.[0]) return ids[0];
    return this.missing('initiatives', name, row);
  }

  /** A name the workspace does not have: a stand-in when only checking, created (and listed) when asked, else noted with its row. */
  private missing(kind: 'teams' | 'initiatives', name: string, row: number): string | null {
    if (this.createMissing && this.checkOnly) return standIn(name);
    if (this.createMissing) {
      const create = kind === 'teams' ? createTeam : createInitiative;
      const { id } = create({ engine: this.engine, authorId: this.authorId }, { name: name.trim() });
      this[kind].set(key(name), [id]);
      this.created[kind].push(name.trim());
      return id;
    }
    note(kind === 'teams' ? this.unknownTeams : this.unknownInitiatives, name.trim(), row);
    return null;
  }

  /**
   * `more` rows of a name beyond those it was looked up for, counted as if it had been looked up in
   * each (an import's check that read a file's second half on another thread lists only the first rows).
   */
  counted(kind: 'team' | 'initiative', fileName: string, more: number): void {
    const name = this.mapped(fileName).trim();
    const noted = kind === 'team' ? (this.unknownTeams.get(name) ?? this.ambiguousTeams.get(name)) : this.unknownInitiatives.get(name);
    if (noted) noted.count += more;
  }

  /**
   * The unknown and ambiguous names for an error message, each list capped like row errors (the
   * first NAMES_LISTED names, each with its first ROWS_LISTED rows, then how many more), the
   * same capped list as data (with a suggestion for each) and the counts; null when every name was found.
   */
  problems(): { text: string; details: Record<string, unknown>; names: UnknownName[]; nameCount: number } | null {
    const lists: [string, string, Map<string, NameRows>][] = [
      ['unknown teams', 'unknownTeams', this.unknownTeams],
      ['unknown initiatives', 'unknownInitiatives', this.unknownInitiatives],
      ['team names that match more than one team (rename one of them)', 'ambiguousTeams', this.ambiguousTeams],
    ];
    const parts: string[] = [];
    const details: Record<string, unknown> = {};
    const names: UnknownName[] = [];
    let nameCount = 0;
    for (const [label, field, map] of lists) {
      if (map.size === 0) continue;
      const listed = [...take(map.entries(), NAMES_LISTED)];
      nameCount += map.size;
      const kind = field === 'unknownInitiatives' ? 'initiative' : 'team';
      const ambiguous = field === 'ambiguousTeams';
      // Only for the names listed (at most 100), each once: nothing per row.
      const known = kind === 'team' ? this.teamNames : this.initiativeNames;
      for (const [n, r] of listed) {
        if (names.length >= NAMES_LISTED) break;
        names.push({ kind, name: n, rows: r.rows, count: r.count, suggestion: ambiguous ? null : closestName(n, known), ambiguous });
      }
      const texts = listed.map(([n, r]) => {
        const more = r.count - r.rows.length;
        return `"${n}" (row${r.count > 1 ? 's' : ''} ${r.rows.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
      });
      const moreNames = map.size - listed.length;
      parts.push(`${label}: ${texts.join(', ')}${moreNames > 0 ? `, and ${moreNames.toLocaleString('en-US')} more` : ''}`);
      details[`${field}Count`] = map.size;
    }
    return parts.length === 0 ? null : { text: parts.join('; '), details, names, nameCount };
  }
}

/**
 * What an error says of the names: the hint after the lists. It names no flag or button: each
 * host words those from the error's data (the CLI its options, the app its buttons).
 */
export const NAMES_HINT = 'Check the spelling, map them to existing names, add them to the workspace first, or import again creating them.';

/** "Did you mean …?" for the names listed, when there are suggestions. */
export function suggestionsText(names: readonly UnknownName[]): string {
  const close = names.filter((n) => n.suggestion !== null);
  return close.length === 0 ? '' : `Did you mean ${close.map((n) => `"${n.suggestion}" for "${n.name}"`).join(', ')}? `;
}

/**
 * How a name is compared for suggestions: accents dropped, case folded, runs of spaces as one.
 * Not for matching itself: a name that differs only so is still reported, with the suggestion.
 */
export const looseName = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The existing name closest to `name`, loosely compared: within 2 edits (1 for names of 4
 * characters or fewer), a swap of two neighbouring letters counting as one; null when none is
 * close or two are equally close.
 */
export function closestName(name: string, known: readonly string[]): string | null {
  const a = looseName(name);
  const limit = a.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of known) {
    const b = looseName(candidate);
    if (Math.abs(a.length - b.length) > limit) continue;
    const d = editDistance(a, b, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && best !== null && looseName(best) !== b) tie = true;
  }
  return best !== null && !tie ? best : null;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment) between a and b; any value above
 * `limit` comes back as limit + 1. Names are short: the full table is small.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const w = b.length + 1;
  const d = new Array<number>((a.length + 1) * w);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * w + j] as number) + 1, (d[i * w + j - 1] as number) + 1, (d[(i - 1) * w + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * w + j - 2] as number) + 1);
      d[i * w + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
  }
  return Math.min(d[a.length * w + b.length] as number, limit + 1);
}

/** Names listed in an error, and rows listed per name; the rest are counted. */
const NAMES_LISTED = 100;
export const ROWS_LISTED = 8;

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
