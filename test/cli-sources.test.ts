import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUptake } from './cli-path';
import { examplePath } from './examples';
import { tempDir } from './helpers';

/* Files in other systems' formats from the CLI: the people directory, presets, saved and file mappings. */
const tmp = tempDir('uptake-cli-sources-');
afterAll(() => tmp.cleanup());

const uptake = (args: string[]) => runUptake(args);

describe('uptake import with mappings, and uptake mappings', { timeout: 180_000 }, () => {
  const db = path.join(tmp.dir, 'acme.db');

  it('imports the directory, then a Copilot usage export by its header alone, listing who is not in the directory', () => {
    expect(uptake(['--db', db, 'init', '--workspace', 'Acme', '--me', 'Dana Lee']).code).toBe(0);
    const people = uptake(['--db', db, 'import', 'people', examplePath('people.csv'), '--create-missing']);
    expect(people.code, people.err).toBe(0);
    expect(JSON.parse(people.out)).toMatchObject({ kind: 'people', rows: 12, new: 12 });
    const usage = uptake(['--db', db, 'import', 'usage', examplePath('copilot-usage.csv'), '--create-missing']);
    expect(usage.code, usage.err).toBe(0);
    expect(JSON.parse(usage.out)).toMatchObject({
      mapping: 'microsoft-365-copilot-usage',
      month: '2026-01',
      rows: 2,
      notInDirectory: { users: ['contractor.42@example.com'], count: 1 },
    });
    expect(usage.err).toMatch(/read with the mapping "microsoft-365-copilot-usage" for 2026-01/);
    expect(usage.err).toMatch(/1 user of the report is not in the people directory and counted in no team: contractor\.42@example\.com/);
    const rows = JSON.parse(uptake(['--db', db, 'export']).out).tables.usage as { licensedUsers: number; activeUsers: number }[];
    // North: 5 in the report (Priya has no licence), active in January Sam, Ana and Ben (Chloe last in
    // December, Omar never). South: 5, all but Emma active (Dev on the 31st).
    expect(rows.map((r) => [r.licensedUsers, r.activeUsers]).sort()).toEqual([
      [5, 3],
      [5, 4],
    ]);
  });

  it('imports a decision log with --mapping (a preset) and with a copied, changed preset file', () => {
    const log = uptake([
      '--db',
      db,
      'import',
      'decisions',
      examplePath('decision-log.csv'),
      '--mapping',
      'ai-decision-log',
      '--create-missing',
    ]);
    expect(log.code, log.err).toBe(0);
    expect(JSON.parse(log.out)).toMatchObject({ rows: 6, new: 6, mapping: 'ai-decision-log' });
    const shown = uptake(['--db', db, 'mappings', 'show', 'ai-decision-log']);
    expect(shown.code).toBe(0);
    const copy = { ...JSON.parse(shown.out), id: undefined, name: 'Claims log', actions: { ok: 'accepted', nope: 'overridden' } };
    const file = path.join(tmp.dir, 'claims-log.json');
    fs.writeFileSync(file, JSON.stringify(copy));
    const csv = path.join(tmp.dir, 'claims.csv');
    fs.writeFileSync(
      csv,
      'Event Time,Tool,Department,Employee ID,Suggestion ID,Outcome,Comment\n10/01/2026 09:00,Claims triage assistant,Claims North,E9,x1,nope,\n',
    );
    const own = uptake(['--db', db, 'import', 'decisions', csv, '--mapping', file]);
    expect(own.code, own.err).toBe(0);
    expect(JSON.parse(own.out)).toMatchObject({ new: 1, mapping: 'Claims log' });
  });

  it('lists, shows and deletes mappings; a bad name or value is one clear message, exit 1, nothing changed', () => {
    const list = uptake(['--db', db, 'mappings', 'list']);
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.out) as { id: string | null; name: string; source: string }[];
    expect(listed.map((m) => `${m.source}:${m.id}`)).toEqual(['preset:microsoft-365-copilot-usage', 'preset:ai-decision-log']);
    // The id and the name as `mappings show` prints them.
    for (const m of listed) {
      const shown = JSON.parse(uptake(['--db', db, 'mappings', 'show', m.id ?? m.name]).out) as { id: string; name: string };
      expect({ id: m.id, name: m.name }).toEqual({ id: shown.id, name: shown.name });
    }
    expect(listed.map((m) => m.name)).toContain('Microsoft 365 Copilot usage (per user)');
    const before = uptake(['--db', db, 'export']).out;
    const cases: [string[], RegExp][] = [
      [
        ['mappings', 'show', 'nope'],
        /^uptake: No mapping is called "nope"\. Mappings: "microsoft-365-copilot-usage", "ai-decision-log"\.\n$/,
      ],
      [['mappings', 'delete', 'ai-decision-log'], /"ai-decision-log" is a preset \(presets\/ai-decision-log\.json\), not a saved mapping/],
      [['import', 'decisions', examplePath('decision-log.csv'), '--mapping', 'nope'], /No mapping is called "nope"\. Mappings: /],
      [['import', 'usage', examplePath('decision-log.csv'), '--mapping', 'ai-decision-log'], /makes decisions files, not usage/],
      [['import', 'usage', examplePath('copilot-usage.csv'), '--month', '2026-13'], /--month: a month as YYYY-MM/],
      [
        ['import', 'decisions', examplePath('usage.csv'), '--mapping', 'ai-decision-log'],
        /does not fit the mapping "ai-decision-log": it has no column "Event Time"/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = uptake(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/ at .*\.ts:\d+/);
    }
    expect(uptake(['--db', db, 'export']).out).toBe(before);
  });

  it('a mapped file whose rows were imported before is refused as the same rows, not as the same file, byte for byte', () => {
    // The decision log (imported above with the preset) with a column renamed, and a mapping that reads the new name.
    const log = fs.readFileSync(examplePath('decision-log.csv'), 'utf8');
    const renamed = path.join(tmp.dir, 'decision-log-renamed.csv');
    fs.writeFileSync(renamed, log.replace('Comment', 'Note'));
    const preset = JSON.parse(uptake(['--db', db, 'mappings', 'show', 'ai-decision-log']).out);
    const mapping = path.join(tmp.dir, 'renamed-log.json');
    const header = preset.header.map((h: string) => (h === 'Comment' ? 'Note' : h));
    fs.writeFileSync(
      mapping,
      JSON.stringify({ ...preset, id: undefined, name: 'Renamed log', header, columns: { ...preset.columns, reason: 'Note' } }),
    );
    const args = ['--db', db, 'import', 'decisions', renamed, '--mapping', mapping];
    const refused = uptake(args);
    expect(refused.code, refused.err).toBe(1);
    expect(refused.err).toMatch(
      /^uptake: The decisions rows of decision-log-renamed\.csv were already imported on \d+ \w{3} \d{4} by Dana Lee \(batch \w{8}, "decision-log\.csv"\): decision-log-renamed\.csv, read through the mapping "Renamed log", gives the same rows as that import, value for value\. Nothing was written\.\nTo import it again anyway, add --again\.\n$/,
    );
    // The sha256 compared (and reported) is the rows', read through the mapping: neither file's.
    const dry = uptake([...args, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toMatch(/The same rows were imported on \d{4}-\d{2}-\d{2} \(batch \w{8}\); importing it needs --again\./);
    const summary = JSON.parse(dry.out);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(summary.sha256).toBe(summary.alreadyImported.sha256);
    expect([sha(log), sha(fs.readFileSync(renamed, 'utf8'))]).not.toContain(summary.sha256);
    expect(uptake([...args, '--again']).err).toMatch(/0 new, 0 replaced, 6 duplicate/);
  });
});
