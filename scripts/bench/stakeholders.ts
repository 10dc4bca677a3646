import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { formatHlc } from '../../db/hlc';
import { createMember } from '../../db/members/members';
import { open } from '../../db/open';
import { prng } from '../../db/random';
import { inTransaction } from '../../db/records';
import { relationshipHealth } from '../../db/stakeholder-sessions/health';
import { ADKAR_ELEMENTS, SUPPORT_LEVELS } from '../../db/stakeholders/model';
import { createStakeholder, getStakeholder, listConcerns, listStakeholders, stakeholderTimeline } from '../../db/stakeholders/stakeholders';
import { createTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { deviceId, newId, setLocal } from '../../db/write';
import { describeMachine } from './machine';

/*
 * Stakeholder register benchmark (figures, not pass/fail): `npm run bench:stakeholders [-- --stakeholders N --sessions M]`.
 * A workspace of N stakeholders (default 10,000) in 100 teams and M sessions (default 100,000, two
 * to four attendees each), in one transaction (stakeholders through the domain functions). Then, warm,
 * median of 20: the register as the screen loads it (every stakeholder with team, owner, quadrant,
 * barrier point and open concerns), which the screen filters and sorts in place; a stakeholder's
 * page (the stakeholder, their concerns, their timeline of sessions and rating changes); and the
 * relationship health of every stakeholder (last contact, sessions in 30 and 90 days).
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('stakeholders', 10_000);
const sessionCount = arg('sessions', 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-bench-stakeholders-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const timeOf = (fn: () => unknown, runs = 20) => {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
};

console.log(describeMachine());
const engine = open(path.join(dir, 'bench.db'));
const me = initWorkspace(engine, 'Bench', 'Dana Lee');
const s = { engine, authorId: me.id };
const rand = prng(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
const t0 = performance.now();
const ids = inTransaction(engine, () => {
  const teams = Array.from({ length: 100 }, (_, i) => createTeam(s, { name: `Team ${String(i).padStart(3, '0')}` }).id);
  const owners = [me.id, ...Array.from({ length: 9 }, (_, i) => createMember(s, { name: `Owner ${i}`, role: 'change_manager' }).id)];
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
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
  for (let i = 0; i < sessionCount; i++) {
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
console.log(
  `made ${count.toLocaleString('en-US')} stakeholders and ${sessionCount.toLocaleString('en-US')} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const someone = ids[Math.floor(ids.length / 2)] as string;
const today = '2026-11-30';
const register = timeOf(() => listStakeholders(engine));
const page = timeOf(() => {
  getStakeholder(engine, someone);
  listConcerns(engine, someone);
  stakeholderTimeline(engine, someone);
});
const health = timeOf(() => relationshipHealth(engine, today), 5);
console.log(`register (${count.toLocaleString('en-US')} stakeholders, as the screen loads it): ${register.toFixed(1)} ms`);
console.log(
  `a stakeholder's page (stakeholder, concerns, timeline of ${stakeholderTimeline(engine, someone).length} entries): ${page.toFixed(1)} ms`,
);
console.log(`relationship health of every stakeholder: ${health.toFixed(1)} ms`);
engine.close();
if (process.env.KEEP_BENCH_DB) console.log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
