import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { relationshipHealth } from '../../db/stakeholder-sessions/health';
import { getStakeholder, listConcerns, listStakeholders, stakeholderTimeline } from '../../db/stakeholders/stakeholders';
import { describeMachine } from './machine';
import { benchWorkspace, stakeholderBenchFlags } from './stakeholder-data';

/*
 * Stakeholder register benchmark (figures, not pass/fail): `npm run bench:stakeholders [-- --stakeholders N --sessions M | --db FILE]`.
 * A workspace of N stakeholders (default 10,000) in 100 teams and M sessions (default 100,000; see
 * stakeholder-data.ts). Then, warm, median of 20: the register as the screen loads it (every
 * stakeholder with team, owner, quadrant, barrier point and open concerns), which the screen
 * filters and sorts in place; a stakeholder's page (the stakeholder, their concerns, their
 * timeline of sessions and rating changes); and the relationship health of every stakeholder
 * (last contact, sessions in 30 and 90 days). `npm run bench:scroll` scrolls the same register in
 * Chromium.
 */
const flags = stakeholderBenchFlags('bench:stakeholders', { sessions: 100_000 }, '--sessions M (default 100000)');
const count = flags.stakeholders;
const sessionCount = flags.sessions;
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
const { engine, ids, seconds, file, kept } = benchWorkspace(dir, count, sessionCount, flags.db);
console.log(
  kept
    ? `read the kept workspace ${file}: ${ids.length.toLocaleString('en-US')} stakeholders`
    : `made ${count.toLocaleString('en-US')} stakeholders and ${sessionCount.toLocaleString('en-US')} sessions in ${seconds.toFixed(1)} s`,
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
console.log(`register (${ids.length.toLocaleString('en-US')} stakeholders, as the screen loads it): ${register.toFixed(1)} ms`);
console.log(
  `a stakeholder's page (stakeholder, concerns, timeline of ${stakeholderTimeline(engine, someone).length} entries): ${page.toFixed(1)} ms`,
);
console.log(`relationship health of every stakeholder: ${health.toFixed(1)} ms`);
engine.close();
if (process.env.KEEP_BENCH_DB && !kept) console.log(`kept ${file} (run again with --db ${file})`);
else fs.rmSync(dir, { recursive: true, force: true });
