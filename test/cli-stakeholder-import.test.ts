import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUptake } from './cli-path';
import { examplePath, OTHER_TOOL_STAKEHOLDER_COLUMNS } from './examples';
import { tempDir } from './helpers';

/* `uptake import stakeholders` as a user runs it: the demo workspace, the example files, exit codes and stderr. */
const tmp = tempDir('uptake-cli-stakeholders-');
afterAll(() => tmp.cleanup());

const uptake = (args: string[]) => runUptake(args);

describe('uptake import stakeholders', { timeout: 180_000 }, () => {
  const db = path.join(tmp.dir, 'demo.db');
  const register = () => JSON.parse(uptake(['--db', db, 'call', 'stakeholders.list']).out) as { name: string }[];

  it('imports the example into the demo, then again without duplicates; a dry run writes nothing', () => {
    expect(uptake(['--db', db, 'demo']).code).toBe(0);
    const before = register().length;
    const dry = uptake(['--db', db, 'import', 'stakeholders', examplePath('stakeholders.csv'), '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toMatch(
      /^Checked 14 rows of stakeholders\.csv: nothing was written\. Importing it would add 14 new, 0 updated, 0 unchanged\.$/m,
    );
    expect(register()).toHaveLength(before);
    const first = uptake(['--db', db, 'import', 'stakeholders', examplePath('stakeholders.csv')]);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ kind: 'stakeholders', rows: 14, new: 14, changed: 0, unchanged: 0 });
    expect(first.err).toMatch(/^Imported 14 rows of stakeholders\.csv: 14 new, 0 updated, 0 unchanged\.$/m);
    const second = uptake(['--db', db, 'import', 'stakeholders', examplePath('stakeholders.csv')]);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toMatch(/^Imported 14 rows of stakeholders\.csv: 0 new, 0 updated, 14 unchanged\.$/m);
    expect(register()).toHaveLength(before + 14);
  });

  it('the exported register imports back unchanged', () => {
    const out = path.join(tmp.dir, 'register.csv');
    expect(uptake(['--db', db, 'export', 'stakeholders', '--out', out]).code).toBe(0);
    const r = uptake(['--db', db, 'import', 'stakeholders', out]);
    expect(r.code, r.err).toBe(0);
    const n = register().length;
    expect(r.err).toContain(`Imported ${n} rows of register.csv: 0 new, 0 updated, ${n} unchanged.\n`);
  });

  it('a bad file: exit 1, every bad row listed with the fixes, nothing changed', () => {
    const bad = path.join(tmp.dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'name,team,support,owner\nAmy Lo,Claims North,keen,\nBo Chen,Claims Nrth,neutral,\nCy Ng,Claims North,neutral,Nobody\n',
    );
    const before = uptake(['--db', db, 'export']).out;
    const r = uptake(['--db', db, 'import', 'stakeholders', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 2, column "support", value "keen": one of opposed, sceptical, neutral, supportive, advocate/);
    expect(r.err).toMatch(/row 4, column "owner", value "Nobody": the name or email of a member/);
    expect(r.err).toMatch(/unknown teams: "Claims Nrth" \(row 3\)/);
    expect(r.err).toContain(`To use the names suggested: uptake import stakeholders ${bad} --map "Claims Nrth=Claims North"`);
    const after = uptake(['--db', db, 'export']).out;
    expect(after).toBe(before);
  });

  it('a file from another tool needs a mapping once; saved, the next file is read with it', () => {
    const other = examplePath('stakeholders-other-tool.csv');
    const unmapped = uptake(['--db', db, 'import', 'stakeholders', other]);
    expect(unmapped.code).toBe(1);
    // Only name and team are required: the message says so, lists the optional columns (the demo's custom
    // fields, region and next review, last), and points to a mapping.
    expect(unmapped.err).toContain(
      'stakeholders-other-tool.csv: the header row is wrong (missing "name", "team"; unexpected "Full name", "Job title", "Department", "E-mail", "Power", "Stance"). ' +
        'Row 1 must have the required columns name, team, and may have any of the optional columns title, email, influence, interest, support, awareness, desire, knowledge, ability, reinforcement, barrier_point, quadrant, open_concerns, owner, tags, notes, region, next review, in any order. Nothing was imported.\n' +
        "A file in another tool's format is read through a column mapping, and no saved mapping or preset fits this header: map its columns once on the Imports screen (or give --mapping NAME",
    );
    const mapping = {
      name: 'Stakeholder tool',
      kind: 'stakeholders',
      header: ['Full name', 'Job title', 'Department', 'E-mail', 'Power', 'Interest', 'Stance'],
      columns: OTHER_TOOL_STAKEHOLDER_COLUMNS,
    };
    expect(uptake(['--db', db, 'call', 'imports.saveMapping', JSON.stringify({ mapping })]).code).toBe(0);
    const r = uptake(['--db', db, 'import', 'stakeholders', other]);
    expect(r.code, r.err).toBe(0);
    // The same people as examples/stakeholders.csv, matched by email: Laura Kent has come round to neutral since.
    expect(r.err).toMatch(
      /^Imported 10 rows of stakeholders-other-tool\.csv \(read with the mapping "Stakeholder tool"\): 0 new, 1 updated, 9 unchanged\.$/m,
    );
    expect(JSON.parse(r.out)).toMatchObject({ new: 0, mapping: 'Stakeholder tool' });
    const named = uptake(['--db', db, 'import', 'stakeholders', other, '--mapping', 'stakeholder tool', '--dry-run']);
    expect(named.err).toMatch(/0 new, 0 updated, 10 unchanged/);
  });

  it('import --help and template list the kind', () => {
    const help = uptake(['import', '--help']);
    const header = fs.readFileSync(examplePath('stakeholders.csv'), 'utf8').split('\n')[0];
    expect(help.out).toMatch(new RegExp(`^  stakeholders +${header}$`, 'm'));
    expect(help.out).toMatch(/Optional \(may be left out of stakeholders files\): title, email, influence/);
    expect(uptake(['template', 'stakeholders']).out.split('\r\n')[0]).toBe(header);
  });
});
