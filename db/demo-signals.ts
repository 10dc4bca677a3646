import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPatterns } from './feedback/patterns';
import type { Engine } from './open';
import { prng } from './random';
import { inTransaction } from './records';
import { createReview } from './reviews/reviews';
import { listShadowProcesses, updateShadowProcess } from './shadow-processes/shadow-processes';
import { hashUser, importFile, userHashKey } from './signals/import';

/*
 * Signals for the demo workspace, written through the real importers, so the report tells a
 * story: Claims North looks adopted (high logins and completions) but overrides the AI out of
 * habit, keeps a shadow spreadsheet and distrusts it; Claims South uses it for real; Contact
 * Centre Leeds accepts nearly everything (an automation-bias risk to watch).
 */
const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

interface Profile {
  team: string;
  initiative: string;
  licensed: number;
  activation: number;
  completion: number;
  users: number;
  perUserMonth: number;
  /** accepted, edited, overridden (rest ignored) */
  mix: [number, number, number];
  habitual: number;
  trust: number;
  backup: number;
}

const PROFILES: Profile[] = [
  {
    team: 'Claims North',
    initiative: 'Claims triage assistant',
    licensed: 64,
    activation: 0.95,
    completion: 0.9,
    users: 40,
    perUserMonth: 22,
    mix: [0.25, 0.08, 0.62],
    habitual: 9,
    trust: 2.1,
    backup: 0.45,
  },
  {
    team: 'Claims South',
    initiative: 'Claims triage assistant',
    licensed: 58,
    activation: 0.9,
    completion: 0.86,
    users: 36,
    perUserMonth: 22,
    mix: [0.7, 0.16, 0.11],
    habitual: 0,
    trust: 4.1,
    backup: 0.06,
  },
  {
    team: 'Contact Centre Leeds',
    initiative: 'Customer email drafter',
    licensed: 120,
    activation: 0.93,
    completion: 0.95,
    users: 50,
    perUserMonth: 12,
    mix: [0.93, 0.05, 0.015],
    habitual: 0,
    trust: 4.5,
    backup: 0.02,
  },
  {
    team: 'Underwriting',
    initiative: 'Underwriting risk scorer',
    licensed: 41,
    activation: 0.62,
    completion: 0.7,
    users: 20,
    perUserMonth: 15,
    mix: [0.5, 0.2, 0.25],
    habitual: 1,
    trust: 3.2,
    backup: 0.2,
  },
];

/*
 * Shadow processes that hedge against a failure pattern the feedback has shown, linked in the
 * register after the import: the reserve tracker catches totals misread from scanned estimates,
 * the paper referral log the broker shorthand the scorer refers. The second-pair check has no
 * pattern: it is a habit, as the reviewed overrides say.
 */
const HEDGES: [process: string, pattern: string][] = [
  ['Claims reserve tracker', 'Scanned documents misread'],
  ['Paper referral log', 'Local shorthand read literally'],
];

export async function addDemoSignals(engine: Engine, authorId: string, seed: number): Promise<void> {
  const rand = prng(seed + 99);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-demo-'));
  try {
    const usage = ['month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed'];
    const pulse = ['month,team,initiative,respondents,trust_mean,manual_backup'];
    const decisions = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
    const overridden: { initiative: string; rec: string; user: string; habitual: boolean }[] = [];
    let rec = 0;
    for (const p of PROFILES) {
      MONTHS.forEach((month, mi) => {
        const drift = (mi - 2.5) * 0.01;
        const active = Math.min(p.licensed, Math.round(p.licensed * (p.activation + drift + (rand() - 0.5) * 0.03)));
        const started = active * 18 + Math.floor(rand() * 40);
        const completed = Math.min(started, Math.round(started * (p.completion + (rand() - 0.5) * 0.04)));
        usage.push(`${month},${p.team},${p.initiative},${p.licensed},${active},${started},${completed}`);
        const respondents = 8 + Math.floor(rand() * 10);
        const trust = Math.max(1, Math.min(5, p.trust + (rand() - 0.5) * 0.4 + mi * 0.03));
        pulse.push(
          `${month},${p.team},${p.initiative},${respondents},${trust.toFixed(2)},${Math.min(respondents, Math.round(respondents * p.backup))}`,
        );
        for (let u = 0; u < p.users; u++) {
          const habitual = u < p.habitual;
          for (let k = 0; k < p.perUserMonth; k++) {
            const r = rand();
            const [acc, edit, over] = habitual ? [0.06, 0.02, 0.9] : p.mix;
            const action = r < acc ? 'accepted' : r < acc + edit ? 'edited' : r < acc + edit + over ? 'overridden' : 'ignored';
            const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
            const hour = String(8 + Math.floor(rand() * 9)).padStart(2, '0');
            const user = `${p.team.toLowerCase().replaceAll(' ', '.')}.${u}@acme.example`;
            const id = `REC-${++rec}`;
            const reason = action === 'overridden' ? (habitual ? 'always check myself' : rand() < 0.5 ? 'local knowledge' : '') : '';
            decisions.push(
              `${month}-${day}T${hour}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00Z,${p.initiative},${p.team},${user},${id},${action},${reason}`,
            );
            if (action === 'overridden' && overridden.length < 4000) overridden.push({ initiative: p.initiative, rec: id, user, habitual });
          }
        }
      });
    }
    const files = {
      usage: path.join(dir, 'usage.csv'),
      pulse: path.join(dir, 'pulse.csv'),
      decisions: path.join(dir, 'decisions.csv'),
      'shadow-processes': path.join(dir, 'shadow-processes.csv'),
    };
    fs.writeFileSync(files.usage, `${usage.join('\n')}\n`);
    fs.writeFileSync(files.pulse, `${pulse.join('\n')}\n`);
    fs.writeFileSync(files.decisions, `${decisions.join('\n')}\n`);
    fs.writeFileSync(
      files['shadow-processes'],
      [
        'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on',
        'Claims reserve tracker,Claims North,Claims triage assistant,spreadsheet,Tom Okafor,18,Handlers re-key every triaged claim to check the reserve,,2026-03-02,',
        'Second-pair check on complex claims,Claims North,Claims triage assistant,manual double-check,,6,"Team lead asks for it, ""just in case""",,2026-04-15,',
        'Paper referral log,Underwriting,Underwriting risk scorer,paper,Ines Duarte,4,Pilot: scores not yet trusted for referrals,,2026-09-20,',
        'Old triage checklist,Claims South,Claims triage assistant,paper,,5,Kept during go-live,,2026-02-01,2026-05-31',
      ].join('\n'),
    );
    for (const kind of ['usage', 'pulse', 'decisions', 'shadow-processes'] as const) {
      await importFile(engine, authorId, kind, files[kind], { displayName: `demo-${kind}.csv` });
    }
    inTransaction(engine, () => {
      const processes = new Map(listShadowProcesses(engine).map((p) => [p.name, p.id]));
      const patterns = new Map(listPatterns(engine).map((p) => [p.name, p.id]));
      for (const [process, pattern] of HEDGES) {
        const id = processes.get(process);
        if (id) updateShadowProcess({ engine, authorId }, { id, failurePatternId: patterns.get(pattern) ?? null });
      }
    });
    // A few reviewed overrides in Claims North: mostly the AI was right (a trust problem, not a model problem).
    const secret = userHashKey(engine, authorId);
    const initiatives = new Map(
      (engine.sqlite.prepare('SELECT id, name FROM initiatives').all() as { id: string; name: string }[]).map((i) => [i.name, i.id]),
    );
    const sample = overridden.filter((o) => o.initiative === 'Claims triage assistant').slice(0, 12);
    inTransaction(engine, () => {
      sample.forEach((o, i) => {
        const appropriate = !o.habitual && i % 3 === 0;
        createReview(
          { engine, authorId },
          {
            initiativeId: initiatives.get(o.initiative) ?? '',
            recommendationId: o.rec,
            userHash: hashUser(secret, o.user),
            verdict: appropriate ? 'appropriate' : 'inappropriate',
            reasonCode: appropriate ? 'model_wrong' : 'habit',
          },
        );
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
