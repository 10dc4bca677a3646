import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { formatHlc } from '../../db/hlc';
import { createMember, listMembers, updateMember } from '../../db/members/members';
import { type Engine, open } from '../../db/open';
import { createShadowProcess, listShadowProcesses, updateShadowProcess } from '../../db/shadow-processes/shadow-processes';
import { listConflicts } from '../../db/sync/conflicts';
import { syncFolder } from '../../db/sync/sync';
import { roleMayWrite, type SyncedTableName } from '../../db/synced';
import { createTeam, deleteTeam, listTeams, restoreTeam, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { deviceId, getLocal, setLocal } from '../../db/write';

/*
 * The convergence property of sync, shared by `npm test` (test/sync/sync.test.ts) and long seeded
 * runs (`npm run fuzz:sync`). Three devices, the third joining at its first sync (from a snapshot
 * when one is there); a change manager (Dana) and a champion (Sam) act on them, each only where
 * their role allows as that device knows it (as the API would); Dana raises and lowers Sam's role.
 * Devices sync in random order and write snapshots (which compacts their own files) while files in
 * the share are duplicated as conflicted copies, truncated (still arriving) or corrupted, and device
 * clocks run ahead. After the damaged files are whole again and everyone has synced: every device
 * exports byte-identical JSON; the devices that replayed every file hold the same change log
 * (nothing applied twice, every edit kept, the current value or a conflict's loser) and list the
 * same conflicts; no change was refused (roles were judged as the writing device knew them) and no
 * device that kept syncing was told to join again.
 */

type Op =
  | { kind: 'team'; device: number }
  | { kind: 'rename' | 'delete' | 'restore'; device: number; pick: number }
  | { kind: 'region'; device: number; pick: number; region: string }
  | { kind: 'sheet'; device: number; pick: number; sam: boolean }
  | { kind: 'sheetEdit'; device: number; pick: number; sam: boolean; users: number }
  | { kind: 'role'; device: number; role: 'champion' | 'sponsor' }
  | { kind: 'sync'; device: number }
  | { kind: 'damage'; pick: number; how: 'copy' | 'truncate' | 'corrupt' }
  | { kind: 'skew'; device: number; minutes: number }
  | { kind: 'snapshot'; device: number };

const device = fc.integer({ min: 0, max: 2 });
const pick = fc.nat(40);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('team' as const), device }) },
  fc.record({ kind: fc.constantFrom('rename' as const, 'delete' as const, 'restore' as const), device, pick }),
  fc.record({ kind: fc.constant('region' as const), device, pick, region: fc.constantFrom('North', 'South', 'West') }),
  fc.record({ kind: fc.constant('sheet' as const), device, pick, sam: fc.boolean() }),
  fc.record({ kind: fc.constant('sheetEdit' as const), device, pick, sam: fc.boolean(), users: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('role' as const), device, role: fc.constantFrom('champion' as const, 'sponsor' as const) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  fc.record({ kind: fc.constant('damage' as const), pick, how: fc.constantFrom('copy' as const, 'truncate' as const, 'corrupt' as const) }),
  fc.record({ kind: fc.constant('skew' as const), device, minutes: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('snapshot' as const), device }),
);
export const opsArbitrary = fc.array(op, { minLength: 1, maxLength: 20 });

/** A migrated, empty database to copy for each device (opening a copy skips the migrations). */
export function makeTemplate(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-sync-template-'));
  const file = path.join(dir, 'empty.db');
  open(file).close();
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));
const changeLog = (e: Engine) =>
  JSON.stringify(
    e.sqlite.prepare('SELECT hlc, author_id, tbl, row_id, col, value FROM change_log ORDER BY hlc, tbl, row_id, col').raw().all(),
  );

/** Runs one sequence of operations on three fresh devices and checks the property (throws when it fails). */
export function runScenario(template: string, ops: Op[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-sync-prop-'));
  const engines: Engine[] = [];
  try {
    const folder = path.join(dir, 'share');
    fs.mkdirSync(folder);
    for (let i = 0; i < 3; i++) {
      const file = path.join(dir, `device-${i}.db`);
      fs.copyFileSync(template, file);
      engines.push(open(file));
    }
    const [first] = engines as [Engine];
    const dana = initWorkspace(first, 'Acme', 'Dana Lee').id;
    const sam = createMember({ engine: first, authorId: dana }, { name: 'Sam Okafor', role: 'champion' }).id;
    const workspace = currentWorkspace(first)?.id ?? '';
    /** Devices that started from a snapshot: their change logs hold each field's winner only. */
    const fromSnapshot = new Set<Engine>();
    const sync = (e: Engine, options: { snapshot?: boolean } = {}) => {
      let summary: ReturnType<typeof syncFolder>;
      const joining = currentWorkspace(e) ? {} : { workspace };
      try {
        summary = syncFolder(e, folder, { ...joining, ...options });
      } catch (err) {
        // A device joining while every snapshot is damaged and old files are compacted is refused
        // (tested on its own); it joins at a later sync.
        if (err instanceof UserError && /no longer holds every change file/.test(err.message)) return null;
        // The mass-delete guard (tested on its own) asks first; here the answer is yes.
        if (!(err instanceof UserError && err.details && 'massDelete' in err.details)) throw err;
        summary = syncFolder(e, folder, { ...joining, ...options, allowMassDelete: true });
      }
      if (summary.startedFrom) fromSnapshot.add(e);
      assert.deepEqual(summary.refused, [], 'a change made as the API allows was refused');
      assert.equal(summary.rejoin, null, 'a device that kept syncing was told to join again');
      return summary;
    };
    // The third device joins at its first sync: from a snapshot when one has been written.
    sync(first);
    sync(engines[1] as Engine);
    const damaged = new Map<string, string>();
    const shareFiles = () => {
      const found: string[] = [];
      const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, entry.name);
          if (entry.isDirectory()) walk(p);
          else if (/^\d{12}\.json$/.test(entry.name)) found.push(p);
        }
      };
      walk(folder);
      return found.sort();
    };
    let made = 0;
    for (const o of ops) {
      if (o.kind === 'damage') {
        const files = shareFiles();
        const file = files[o.pick % Math.max(1, files.length)];
        if (!file) continue;
        const text = damaged.get(file) ?? fs.readFileSync(file, 'utf8');
        if (o.how === 'copy') fs.writeFileSync(file.replace(/\.json$/, ' (conflicted copy).json'), text.replace(/"name"/g, '"nom"'));
        else {
          damaged.set(file, text);
          fs.writeFileSync(
            file,
            o.how === 'truncate' ? text.slice(0, Math.floor(text.length / 2)) : text.replace(/[0-9]/, (d) => String((Number(d) + 1) % 10)),
          );
        }
        continue;
      }
      const e = engines[o.device];
      if (!e) continue;
      if (o.kind === 'sync') {
        sync(e);
        continue;
      }
      if (!currentWorkspace(e)) continue;
      if (o.kind === 'snapshot') {
        // Writing a snapshot also compacts the device's own files that every device has read.
        sync(e, { snapshot: true });
        continue;
      }
      if (o.kind === 'skew') {
        // This device's clock runs ahead (less than the quarantine's limit).
        const ahead = Date.now() + o.minutes * 60_000;
        const last = getLocal(e, 'hlc') ?? '';
        const skewed = formatHlc({ millis: ahead, counter: 0 }, deviceId(e));
        if (skewed > last) setLocal(e, 'hlc', skewed);
        continue;
      }
      const actor = 'sam' in o && o.sam ? sam : dana;
      const role = listMembers(e, true).find((m) => m.id === actor)?.role ?? null;
      const may = (table: SyncedTableName, column = 'name', value: string | null = null) => roleMayWrite(role, table, column, value);
      const s = { engine: e, authorId: actor };
      const teams = listTeams(e, true);
      const team = 'pick' in o ? teams[o.pick % Math.max(1, teams.length)] : undefined;
      const sheets = listShadowProcesses(e, true);
      const sheet = 'pick' in o ? sheets[o.pick % Math.max(1, sheets.length)] : undefined;
      try {
        if (o.kind === 'team' && may('teams')) createTeam(s, { name: `Team ${o.device}-${made++}` });
        else if (o.kind === 'rename' && team && may('teams')) updateTeam(s, { id: team.id, name: `Team ${o.device}-${made++}` });
        else if (o.kind === 'region' && team && may('teams')) updateTeam(s, { id: team.id, region: o.region });
        else if (o.kind === 'delete' && team && may('teams', 'deleted', 'true')) deleteTeam(s, team.id);
        else if (o.kind === 'restore' && team && may('teams', 'deleted', 'false')) restoreTeam(s, team.id);
        else if (o.kind === 'role' && may('members', 'role')) updateMember(s, { id: sam, role: o.role });
        else if (o.kind === 'sheet' && team && may('shadow_processes')) {
          createShadowProcess(s, {
            name: `Sheet ${made++}`,
            teamId: team.id,
            kind: 'spreadsheet',
            usersInvolved: 3,
            firstSeen: '2026-11-02',
          });
        } else if (o.kind === 'sheetEdit' && sheet && may('shadow_processes', 'users_involved')) {
          updateShadowProcess(s, { id: sheet.id, usersInvolved: o.users });
        }
      } catch (err) {
        // The domain's own refusals (a deleted team, a name taken) are part of using the app.
        if (!(err instanceof UserError)) throw err;
      }
    }
    // The damaged files finish arriving; then everyone publishes and everyone reads.
    for (const [file, text] of damaged) fs.writeFileSync(file, text);
    for (const e of engines) sync(e);
    for (const e of engines) sync(e);
    const [a, ...rest] = engines.map((e) => [exported(e), changeLog(e), JSON.stringify(listConflicts(e)), fromSnapshot.has(e)] as const);
    for (const other of rest) {
      assert.equal(other[0], a?.[0], 'devices export different JSON');
      // A device that started from a snapshot has each field's winner, not the losers before it.
      if (other[3]) continue;
      assert.equal(other[1], a?.[1], 'devices hold different change logs');
      assert.equal(other[2], a?.[2], 'devices list different conflicts');
    }
  } finally {
    for (const e of engines) if (e.sqlite.open) e.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The property, for fc.assert. */
export const convergence = (template: string) =>
  fc.property(opsArbitrary, (ops) => {
    runScenario(template, ops);
  });
