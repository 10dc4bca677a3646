import { badInput } from '../errors';
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
  readonly unknownTeams = new Map<string, number[]>();
  readonly unknownInitiatives = new Map<string, number[]>();
  readonly ambiguousTeams = new Map<string, number[]>();
  readonly created = { teams: [] as string[], initiatives: [] as string[] };

  constructor(
    private readonly engine: Engine,
    private readonly authorId: string | null,
    private readonly createMissing: boolean,
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
    if (this.createMissing) {
      const { id } = createInitiative({ engine: this.engine, authorId: this.authorId }, { name: name.trim() });
      this.initiatives.set(key(name), [id]);
      this.created.initiatives.push(name.trim());
      return id;
    }
    note(this.unknownInitiatives, name.trim(), row);
    return null;
  }

  /** Throws the list of unknown or ambiguous names, if any. */
  check(fileName: string): void {
    const parts: string[] = [];
    const list = (m: Map<string, number[]>) =>
      [...m.entries()]
        .map(
          ([n, rows]) =>
            `"${n}" (row${rows.length > 1 ? 's' : ''} ${rows.slice(0, 8).join(', ')}${rows.length > 8 ? ` and ${rows.length - 8} more` : ''})`,
        )
        .join(', ');
    if (this.unknownTeams.size > 0) parts.push(`unknown teams: ${list(this.unknownTeams)}`);
    if (this.unknownInitiatives.size > 0) parts.push(`unknown initiatives: ${list(this.unknownInitiatives)}`);
    if (this.ambiguousTeams.size > 0)
      parts.push(`team names that match more than one team (rename one of them): ${list(this.ambiguousTeams)}`);
    if (parts.length === 0) return;
    throw badInput(
      `${fileName}: ${parts.join('; ')}. Nothing was imported. Check the spelling, add them in the app first, or import again creating them (the --create-missing option, or "Create them" in the app).`,
      {
        unknownTeams: Object.fromEntries(this.unknownTeams),
        unknownInitiatives: Object.fromEntries(this.unknownInitiatives),
        ambiguousTeams: Object.fromEntries(this.ambiguousTeams),
      },
    );
  }
}

const key = (name: string) => name.trim().toLocaleLowerCase();

function note(map: Map<string, number[]>, name: string, row: number) {
  const rows = map.get(name);
  if (rows) rows.push(row);
  else map.set(name, [row]);
}
