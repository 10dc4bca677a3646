import fs from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { formatHlc } from '../../db/hlc';
import { createMember } from '../../db/members/members';
import { type Engine, open } from '../../db/open';
import { prng } from '../../db/random';
import { inTransaction } from '../../db/records';
import { ADKAR_ELEMENTS, SUPPORT_LEVELS } from '../../db/stakeholders/model';
import { createStakeholder } from '../../db/stakeholders/stakeholders';
import { createTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { deviceId, newId, setLocal } from '../../db/write';
import { refuse, scriptFlags } from './args';

export interface StakeholderBench {
  engine: Engine;
  /** The stakeholders' ids, in the order they were made. */
  ids: string[];
  seconds: number;
}

/**
 * A workspace for the stakeholder benchmarks, in one transaction: `stakeholders` people in 100
 * teams (through the domain functions), and `sessions` sessions of two to four attendees each.
 * The same seed makes the same workspace.
 */
export function makeStakeholderWorkspace(file: string, stakeholders: number, sessions: number): StakeholderBench {
  const t0 = performance.now();
  const engine = open(file);
  const me = initWorkspace(engine, 'Bench', 'Dana Lee');
  const s = { engine, authorId: me.id };
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const ids = inTransaction(engine, () => {
    const teams = Array.from({ length: 100 }, (_, i) => createTeam(s, { name: `Team ${String(i).padStart(3, '0')}` }).id);
    const owners = [me.id, ...Array.from({ length: 9 }, (_, i) => createMember(s, { name: `Owner ${i}`, role: 'change_manager' }).id)];
    const made: string[] = [];
    for (let i = 0; i < stakeholders; i++) {
      const adkar = Object.fromEntries(ADKAR_ELEMENTS.map((e) => [e, 1 + Math.floor(rand() * 5)]));
      made.push(
        createStakeholder(s, {
          name: `Person ${String(i).padStart(5, '0')}`,
          teamId: pick(teams),
          influence: 1 + Math.floor(rand() * 5),
          interest: 1 + Math.floor(rand() * 5),
          support: pick(SUPPORT_LEVELS),
          ownerMemberId: pick(owners),
          tags: i % 7 === 0 ? ['union rep'] : [],
          ...adkar,
        }).id,
      );
    }
    // Sessions and their attendees by SQL, as the write path records them (change log first, then
    // the rows): a hundred thousand sessions through the domain functions would take the bench's
    // whole time, and their writing is not what it measures.
    const start = Date.parse('2025-01-01T09:00:00Z');
    const device = deviceId(engine);
    const log = engine.sqlite.prepare(
      'INSERT INTO change_log (hlc, device_id, author_id, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const statements = new Map<string, Statement>();
    const insert = (table: string, row: Record<string, string | number | null>, at: number) => {
      const hlc = formatHlc({ millis: at, counter: 0 }, device);
      for (const [col, value] of Object.entries(row))
        if (col !== 'id') log.run(hlc, device, me.id, table, row.id, col, JSON.stringify(value));
      const cols = ['last_hlc', ...Object.keys(row)];
      const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
      let statement = statements.get(sql);
      if (!statement) {
        statement = engine.sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      statement.run(hlc, ...Object.values(row));
    };
    let stamp = Date.now() - 3_600_000;
    for (let i = 0; i < sessions; i++) {
      const id = newId();
      insert(
        'stakeholder_sessions',
        {
          id,
          deleted: 0,
          at: new Date(start + Math.floor(rand() * 700) * 86_400_000).toISOString(),
          kind: pick(['one-to-one', 'workshop', 'training', 'demo']),
          initiative_id: null,
          facilitator_member_id: pick(owners),
          notes: null,
          decisions: null,
        },
        stamp++,
      );
      for (const stakeholderId of new Set(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(made)))) {
        insert(
          'session_attendees',
          { id: newId(), deleted: 0, session_id: id, stakeholder_id: stakeholderId, sentiment: pick(['positive', 'neutral', 'negative']) },
          stamp++,
        );
      }
    }
    setLocal(engine, 'hlc', formatHlc({ millis: stamp, counter: 0 }, device));
    return made;
  });
  return { engine, ids, seconds: (performance.now() - t0) / 1000 };
}

/** The flags of a bench on this workspace (`npm run COMMAND`): its size or `--db FILE`, and the bench's `own` numbers. */
export function stakeholderBenchFlags<N extends string>(command: string, own: Record<N, number>, ownUsage: string) {
  return scriptFlags<N | 'stakeholders', 'db'>({
    usage: `Usage: npm run ${command} [-- --stakeholders N (default 10000) ${ownUsage} | --db FILE (kept by an earlier run, KEEP_BENCH_DB=1)]`,
    numbers: { stakeholders: 10_000, ...own },
    texts: ['db'],
  });
}

/**
 * The workspace a bench reads: a kept one (`--db FILE`, from an earlier run with KEEP_BENCH_DB=1:
 * building 10,000 people and 100,000 sessions takes minutes) or a new one made in `dir`.
 */
export function benchWorkspace(
  dir: string,
  stakeholders: number,
  sessions: number,
  kept: string | undefined,
): StakeholderBench & { file: string; kept: boolean } {
  if (kept) {
    if (!fs.existsSync(kept))
      refuse(`--db ${kept}: no such file. Give a workspace kept by an earlier run (KEEP_BENCH_DB=1), or leave --db out.`);
    const engine = open(kept);
    const ids = engine.sqlite.prepare('SELECT id FROM stakeholders WHERE deleted = 0 ORDER BY rowid').pluck().all() as string[];
    return { engine, ids, seconds: 0, file: kept, kept: true };
  }
  const file = path.join(dir, 'bench.db');
  return { ...makeStakeholderWorkspace(file, stakeholders, sessions), file, kept: false };
}
