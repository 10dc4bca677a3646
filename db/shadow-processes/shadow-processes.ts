import { badInput } from '../errors';
import { matchPatternName } from '../feedback/model';
import { listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { byName, findRow, namesById, type RecordKit, recordKit, type Session, tableRows, withNulls } from '../records';
import { failurePatterns, shadowProcesses } from '../schema';
import { listTeams } from '../teams/teams';
import type { ShadowProcess, ShadowProcessKind } from './model';

/** Shadow-process rows as records: the names of what each points at, its pattern chosen or named by text. */
function toShadowProcesses(engine: Engine, rows: (typeof shadowProcesses.$inferSelect)[]): ShadowProcess[] {
  const teams = namesById(engine, listTeams);
  const initiatives = namesById(engine, listInitiatives);
  const patterns = engine.orm
    .select({ id: failurePatterns.id, name: failurePatterns.name, deleted: failurePatterns.deleted })
    .from(failurePatterns)
    .all();
  const byId = new Map(patterns.map((p) => [p.id, p]));
  return rows.map((p) => {
    const chosen = p.failurePatternId ? byId.get(p.failurePatternId) : undefined;
    const named = chosen ? null : matchPatternName(p.failurePattern, patterns);
    const pattern = chosen ?? named;
    return {
      id: p.id,
      name: p.name,
      teamId: p.teamId,
      team: teams.get(p.teamId) ?? null,
      initiativeId: p.initiativeId,
      initiative: p.initiativeId ? (initiatives.get(p.initiativeId) ?? null) : null,
      kind: p.kind,
      owner: p.owner,
      usersInvolved: p.usersInvolved,
      reason: p.reason,
      failurePattern: p.failurePattern,
      failurePatternId: p.failurePatternId,
      patternId: pattern?.id ?? null,
      pattern: pattern?.name ?? null,
      patternByText: !!named,
      firstSeen: p.firstSeen,
      retiredOn: p.retiredOn,
      deleted: p.deleted,
    };
  });
}

export function listShadowProcesses(engine: Engine, includeDeleted = false): ShadowProcess[] {
  return toShadowProcesses(engine, tableRows(engine, shadowProcesses, includeDeleted).sort(byName));
}

const records: RecordKit<ShadowProcess> = recordKit({
  table: 'shadow_processes',
  label: 'shadow process',
  find: findRow(shadowProcesses, toShadowProcesses),
});
export const getShadowProcess = records.get;

export interface ShadowProcessFields {
  name: string;
  teamId: string;
  initiativeId?: string | null | undefined;
  kind: ShadowProcessKind;
  owner?: string | null | undefined;
  usersInvolved: number;
  reason?: string | null | undefined;
  failurePattern?: string | null | undefined;
  failurePatternId?: string | null | undefined;
  firstSeen: string;
  retiredOn?: string | null | undefined;
}

function checkRefs(engine: Engine, p: Partial<ShadowProcessFields>) {
  if (p.teamId && !listTeams(engine).some((t) => t.id === p.teamId)) throw badInput(`teamId: no team with id ${p.teamId}.`);
  if (p.initiativeId && !listInitiatives(engine).some((i) => i.id === p.initiativeId))
    throw badInput(`initiativeId: no initiative with id ${p.initiativeId}.`);
  if (
    p.failurePatternId &&
    !engine.orm
      .select()
      .from(failurePatterns)
      .all()
      .some((f) => f.id === p.failurePatternId && !f.deleted)
  )
    throw badInput(`failurePatternId: no failure pattern with id ${p.failurePatternId}. List them with failurePatterns.list.`);
  if (p.firstSeen && p.retiredOn && p.retiredOn < p.firstSeen)
    throw badInput(`retiredOn: ${p.retiredOn} is before firstSeen (${p.firstSeen}).`);
}

export function createShadowProcess(s: Session, input: ShadowProcessFields): ShadowProcess {
  return records.create(s, () => {
    checkRefs(s.engine, input);
    return withNulls(input, ['initiativeId', 'owner', 'reason', 'failurePattern', 'failurePatternId', 'retiredOn']);
  });
}

export function updateShadowProcess(s: Session, { id, ...patch }: Partial<ShadowProcessFields> & { id: string }): ShadowProcess {
  return records.update(s, id, (current) => {
    checkRefs(s.engine, {
      ...patch,
      firstSeen: patch.firstSeen ?? current.firstSeen,
      retiredOn: patch.retiredOn === undefined ? current.retiredOn : patch.retiredOn,
    });
    return patch;
  });
}

export const deleteShadowProcess = (s: Session, id: string): ShadowProcess => records.remove(s, id);
