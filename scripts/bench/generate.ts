import fs from 'node:fs';
import { prng } from '../../db/random';

/*
 * Generates realistic signal CSVs for benchmarks and tests: decisions (millions of rows,
 * streamed to disk), usage and pulse, for N teams × M months × the given initiatives.
 */
export interface GenerateOptions {
  teams: string[];
  initiatives: string[];
  months: string[];
  usersPerTeam: number;
  seed?: number;
  /**
   * A free-text reason, quoted (it has commas, sometimes quotes), on about this share of the rows
   * whatever the action, as exported from a tool where people type why. Default: short reasons on
   * some overrides only.
   */
  freeTextShare?: number;
}

export { prng };

export function monthsBetween(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

const ACTIONS = ['accepted', 'edited', 'overridden', 'ignored'] as const;
const REASONS = ['', '', '', 'local knowledge', 'customer asked', 'policy exception', 'model looked wrong, "checked manually"'];
const OPENINGS = ['Checked it by hand', 'Customer called back', 'Model missed the context', 'Policy says otherwise', 'Kept the old figure'];
const MIDDLES = [
  'the claim had a second policy',
  'numbers looked off by a month',
  'the broker sent new documents',
  'same as last week',
  'the "urgent" flag was wrong',
  'team lead asked for a second look',
  'address did not match the file',
];
const ENDINGS = ['', 'will raise it at the review', 'see ticket 4411', 'ok after all', 'again'];

/** A typed reason: one to three clauses with commas, now and then a quoted word; 20 to 120 characters. */
function freeText(rand: () => number): string {
  const pick = (xs: readonly string[]) => xs[Math.floor(rand() * xs.length)] ?? '';
  const parts = [pick(OPENINGS), pick(MIDDLES)];
  const end = pick(ENDINGS);
  if (end) parts.push(end);
  return parts.join(', ');
}

/** Writes `rows` decisions to `file` without holding them in memory. */
export async function writeDecisions(file: string, rows: number, o: GenerateOptions): Promise<void> {
  const rand = prng(o.seed ?? 42);
  const out = fs.createWriteStream(file);
  out.write('timestamp,initiative,team,user,recommendation_id,action,reason\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const team = Math.floor(rand() * o.teams.length);
    const initiative = o.initiatives[Math.floor(rand() * o.initiatives.length)] ?? '';
    const month = o.months[Math.floor(rand() * o.months.length)] ?? '2026-01';
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const sec = Math.floor(rand() * 86400);
    const time = `${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
    const user = `u${team}-${Math.floor(rand() * o.usersPerTeam)}@acme.example`;
    // Team-specific habits: some teams override a lot.
    const bias = (team % 5) / 10;
    const r = rand();
    const action = r < 0.55 - bias ? ACTIONS[0] : r < 0.7 - bias ? ACTIONS[1] : r < 0.95 ? ACTIONS[2] : ACTIONS[3];
    const reason =
      o.freeTextShare === undefined
        ? action === 'overridden'
          ? (REASONS[Math.floor(rand() * REASONS.length)] ?? '')
          : ''
        : rand() < o.freeTextShare
          ? freeText(rand)
          : '';
    const quoted = reason.includes(',') || reason.includes('"') ? `"${reason.replaceAll('"', '""')}"` : reason;
    buf += `${month}-${day}T${time}Z,${initiative},${o.teams[team]},${user},rec-${i},${action},${quoted}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** A CSV with a row per month, team and initiative, random stream `stream` of the seed: `cells` gives each row's figures. */
function perSliceCsv(o: GenerateOptions, stream: number, header: string, cells: (rand: () => number) => string): string {
  const rand = prng((o.seed ?? 42) + stream);
  const lines = [`month,team,initiative,${header}`];
  for (const month of o.months)
    for (const team of o.teams)
      for (const initiative of o.initiatives) {
        lines.push(`${month},${team},${initiative},${cells(rand)}`);
      }
  return `${lines.join('\n')}\n`;
}

export const usageCsv = (o: GenerateOptions): string =>
  perSliceCsv(o, 1, 'licensed_users,active_users,workflows_started,workflows_completed', (rand) => {
    const licensed = o.usersPerTeam;
    const active = Math.floor(licensed * (0.6 + rand() * 0.4));
    const started = active * 20 + Math.floor(rand() * 50);
    const completed = Math.floor(started * (0.6 + rand() * 0.35));
    return `${licensed},${active},${started},${completed}`;
  });

export const pulseCsv = (o: GenerateOptions): string =>
  perSliceCsv(o, 2, 'respondents,trust_mean,manual_backup', (rand) => {
    const respondents = 5 + Math.floor(rand() * 20);
    return `${respondents},${(1.5 + rand() * 3).toFixed(2)},${Math.floor(respondents * rand() * 0.5)}`;
  });
