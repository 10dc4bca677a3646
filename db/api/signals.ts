import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { badInput, notFound } from '../errors';
import type { Engine } from '../open';
import { importBatches, shadowProcesses } from '../schema';
import { importFile } from '../signals/import';
import { keyValues } from '../signals/keys';
import { computeReport } from '../signals/metrics';
import { metricSettings, saveMetricSettings } from '../signals/settings';
import { sourceRows } from '../signals/sources';
import { saveUpload, uploadFileOf } from '../signals/uploads';
import { newId, write } from '../write';
import type { Handlers } from './handlers';
import { listInitiatives } from './initiatives';
import { listMembers } from './members';
import type { ImportBatch, ImportProgress, ReviewItem, ShadowProcess } from './signal-types';

/**
 * Uploads in progress in this process, by the id the client chose, so the app can show a real
 * progress bar while the import runs. Finished entries are kept briefly for the last poll.
 */
const progress = new Map<string, ImportProgress>();
const PROGRESS_KEEP_MS = 60_000;

import { listTeams } from './teams';

export const signalsHandlers = {
  'imports.run': (ctx, input) =>
    importFile(ctx.engine, ctx.actor?.id ?? null, input.kind, input.path, {
      dryRun: input.dryRun,
      createMissing: input.createMissing,
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    }),
  'imports.list': (ctx) => {
    const names = new Map(listMembers(ctx.engine, true).map((m) => [m.id, m.name]));
    const firstLog = ctx.engine.sqlite
      .prepare("SELECT hlc, author_id FROM change_log WHERE tbl = 'import_batches' AND row_id = ? ORDER BY hlc LIMIT 1")
      .raw();
    return ctx.engine.orm
      .select()
      .from(importBatches)
      .where(eq(importBatches.deleted, false))
      .orderBy(desc(importBatches.lastHlc))
      .all()
      .filter((b) => !b.open)
      .map((b): ImportBatch => {
        const first = firstLog.get(b.id) as [string, string | null] | undefined;
        return {
          id: b.id,
          kind: b.kind,
          fileName: b.fileName,
          sha256: b.sha256,
          counts: JSON.parse(b.counts) as ImportBatch['counts'],
          importedAt: (first?.[0] ?? b.lastHlc).slice(0, 24),
          importedBy: first?.[1] ? (names.get(first[1]) ?? null) : null,
        };
      });
  },
  'reports.get': (ctx, input) => computeReport(ctx.engine, input),
  'reports.rows': (ctx, input) => sourceRows(ctx.engine, input),
  'imports.progress': (_ctx, input) => progress.get(input.progressId) ?? { phase: 'unknown', rows: 0 },
  'metrics.settings': (ctx) => metricSettings(ctx.engine),
  'metrics.configure': (ctx, input) => saveMetricSettings(ctx.engine, ctx.actor?.id ?? null, input),
} satisfies Partial<Handlers>;

function listShadow(engine: Engine, includeDeleted = false): ShadowProcess[] {
  const teams = new Map(listTeams(engine, true).map((t) => [t.id, t.name]));
  const initiatives = new Map(listInitiatives(engine, true).map((i) => [i.id, i.name]));
  return engine.orm
    .select()
    .from(shadowProcesses)
    .all()
    .filter((p) => includeDeleted || !p.deleted)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((p) => ({
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
      firstSeen: p.firstSeen,
      retiredOn: p.retiredOn,
      deleted: p.deleted,
    }));
}

function getShadow(engine: Engine, id: string): ShadowProcess {
  const p = listShadow(engine, true).find((x) => x.id === id);
  if (!p) throw notFound('shadow process', id);
  return p;
}

function checkShadowRefs(
  engine: Engine,
  teamId: string | undefined,
  initiativeId: string | null | undefined,
  firstSeen?: string,
  retiredOn?: string | null,
) {
  if (teamId && !listTeams(engine).some((t) => t.id === teamId)) throw badInput(`teamId: no team with id ${teamId}.`);
  if (initiativeId && !listInitiatives(engine).some((i) => i.id === initiativeId))
    throw badInput(`initiativeId: no initiative with id ${initiativeId}.`);
  if (firstSeen && retiredOn && retiredOn < firstSeen) throw badInput(`retiredOn: ${retiredOn} is before firstSeen (${firstSeen}).`);
}

export const registerHandlers = {
  'imports.upload': async (ctx, input) => {
    const streamed = uploadFileOf(input.file);
    const dir = streamed ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-upload-'));
    const file = streamed ?? path.join(dir ?? '', 'upload.csv');
    const state: ImportProgress = { phase: 'reading', rows: 0 };
    if (input.progressId) progress.set(input.progressId, state);
    try {
      if (!streamed) await saveUpload(input.file, file);
      const summary = await importFile(ctx.engine, ctx.actor?.id ?? null, input.kind, file, {
        dryRun: input.dryRun,
        createMissing: input.createMissing,
        displayName: input.file.name || `${input.kind}.csv`,
        onProgress: (p) => {
          state.rows = p.rows;
        },
      });
      state.phase = 'done';
      return summary;
    } catch (e) {
      state.phase = 'failed';
      throw e;
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      const id = input.progressId;
      if (id) setTimeout(() => progress.delete(id), PROGRESS_KEEP_MS).unref();
    }
  },
  'shadow.list': (ctx, input) => listShadow(ctx.engine, input.includeDeleted),
  'shadow.create': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      checkShadowRefs(ctx.engine, input.teamId, input.initiativeId, input.firstSeen, input.retiredOn);
      const id = newId();
      write(
        ctx.engine,
        ctx.actor?.id ?? null,
        'shadow_processes',
        id,
        {
          ...input,
          initiativeId: input.initiativeId ?? null,
          owner: input.owner ?? null,
          reason: input.reason ?? null,
          failurePattern: input.failurePattern ?? null,
          retiredOn: input.retiredOn ?? null,
        },
        'create',
      );
      return getShadow(ctx.engine, id);
    })(),
  'shadow.update': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const current = getShadow(ctx.engine, input.id);
      if (current.deleted) throw notFound('shadow process', input.id);
      checkShadowRefs(
        ctx.engine,
        input.teamId,
        input.initiativeId,
        input.firstSeen ?? current.firstSeen,
        input.retiredOn === undefined ? current.retiredOn : input.retiredOn,
      );
      const { id, ...patch } = input;
      write(ctx.engine, ctx.actor?.id ?? null, 'shadow_processes', id, patch, 'update');
      return getShadow(ctx.engine, id);
    })(),
  'shadow.delete': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      if (getShadow(ctx.engine, input.id).deleted) throw notFound('shadow process', input.id);
      write(ctx.engine, ctx.actor?.id ?? null, 'shadow_processes', input.id, { deleted: true }, 'update');
      return getShadow(ctx.engine, input.id);
    })(),
  'reviews.queue': (ctx, input) => {
    const teams = listTeams(ctx.engine);
    const initiatives = listInitiatives(ctx.engine);
    const teamKeys = keyValues(ctx.engine, 'team');
    const initiativeKeys = keyValues(ctx.engine, 'initiative');
    const userKeys = keyValues(ctx.engine, 'user');
    const match = <T extends { id: string; name: string }>(list: T[], wanted: string | null | undefined) =>
      wanted ? list.find((x) => x.id === wanted || x.name.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase()) : undefined;
    const team = match(teams, input.team);
    const initiative = match(initiatives, input.initiative);
    if (input.team && !team) throw badInput(`team: no team named "${input.team}".`);
    if (input.initiative && !initiative) throw badInput(`initiative: no initiative named "${input.initiative}".`);
    const teamIds = team
      ? new Set(
          teams
            .filter((t) => t.id === team.id || t.path.slice(0, team.path.length).join('\u0001') === team.path.join('\u0001'))
            .map((t) => t.id),
        )
      : null;
    const reviewed = new Set(
      (
        ctx.engine.sqlite
          .prepare('SELECT initiative_id, recommendation_id, user_hash FROM override_reviews WHERE deleted = 0')
          .raw()
          .all() as string[][]
      ).map((r) => r.join('\u0001')),
    );
    // A deterministic sample spread over initiatives and teams: the newest overrides of each
    // (initiative, team) in turn, so one busy team does not fill the queue.
    const rows = ctx.engine.sqlite
      .prepare(
        `SELECT initiative, team, recommendation_id, user, ts, reason FROM (
           SELECT d.*, row_number() OVER (PARTITION BY initiative, team ORDER BY ts DESC) AS n FROM decisions d WHERE action = 2
         ) WHERE n <= ? ORDER BY n, initiative, team`,
      )
      .raw()
      .all(input.limit * 4) as [number, number, string, number, number, string | null][];
    const out: ReviewItem[] = [];
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const initiativeNames = new Map(initiatives.map((i) => [i.id, i.name]));
    for (const [ik, tk, rec, uk, ts, reason] of rows) {
      const initiativeId = initiativeKeys.get(ik);
      const teamId = teamKeys.get(tk);
      const userHash = userKeys.get(uk);
      if (!initiativeId || !teamId || !userHash) continue;
      if (initiative && initiative.id !== initiativeId) continue;
      if (teamIds && !teamIds.has(teamId)) continue;
      if (reviewed.has([initiativeId, rec, userHash].join('\u0001'))) continue;
      out.push({
        initiativeId,
        initiative: initiativeNames.get(initiativeId) ?? '',
        teamId,
        team: teamNames.get(teamId) ?? '',
        recommendationId: rec,
        userHash,
        timestamp: new Date(ts).toISOString(),
        reason,
      });
      if (out.length >= input.limit) break;
    }
    return out;
  },
  'reviews.create': (ctx, input) => {
    const id = newId();
    write(ctx.engine, ctx.actor?.id ?? null, 'override_reviews', id, { ...input, note: input.note ?? null }, 'create');
    return { id };
  },
} satisfies Partial<Handlers>;
