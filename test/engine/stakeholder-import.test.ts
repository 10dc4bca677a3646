import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { inspectFile } from '../../db/signals/mappings';
import type { ImportErrorData } from '../../db/signals/model';
import { examplePath, OTHER_TOOL_STAKEHOLDER_COLUMNS } from '../examples';
import { workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North', 'Claims South'] });

const HEADER =
  'name,title,team,email,influence,interest,support,awareness,desire,knowledge,ability,reinforcement,barrier_point,quadrant,open_concerns,owner,tags,notes';

function file(name: string, lines: string[]) {
  const f = path.join(t.dir, name);
  fs.writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}
const importCsv = (lines: string[], extra: Record<string, unknown> = {}) =>
  callTyped(t.host, 'imports.run', { kind: 'stakeholders', path: file('stakeholders.csv', lines), ...extra });
/** The error a refused import throws, with its data. */
async function refusal(lines: string[], extra: Record<string, unknown> = {}) {
  const e = await call(t.host, 'imports.run', { kind: 'stakeholders', path: file('bad.csv', lines), ...extra }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return { message: (e as UserError).message, data: (e as UserError).details as unknown as ImportErrorData };
}
const register = async () =>
  (await callTyped(t.host, 'stakeholders.list', {})).map((s) => [s.name, s.team, s.email, s.support, s.desire, s.owner, s.tags.join('|')]);

const ROWS = [
  HEADER,
  'Laura Kent,Claims operations manager,Claims North,laura.kent@acme.example,4,4,sceptical,5,2,3,,,desire,manage closely,0,Dana Lee,leads; steering,Wants flood-claim figures',
  'Dev Mistry,Claims handler,Claims North,,1,3,Sceptical,4,2,,,,desire,monitor,0,,handlers,',
  'Kwame Asante,Claims team lead,Claims South,Kwame.Asante@acme.example,3,4,supportive,5,4,4,3,,ability,keep informed,0,,,',
];

describe('stakeholders from CSV', () => {
  it('a first import creates; the same file again changes nothing (0 new, N unchanged)', async () => {
    const first = await importCsv(ROWS);
    expect(first).toMatchObject({ kind: 'stakeholders', rows: 3, new: 3, changed: 0, unchanged: 0, batchId: null });
    const after = await register();
    expect(after).toEqual([
      ['Dev Mistry', 'Claims North', null, 'sceptical', 2, null, 'handlers'],
      ['Kwame Asante', 'Claims South', 'Kwame.Asante@acme.example', 'supportive', 4, null, ''],
      ['Laura Kent', 'Claims North', 'laura.kent@acme.example', 'sceptical', 2, 'Dana Lee', 'leads|steering'],
    ]);
    const laura = (await callTyped(t.host, 'stakeholders.list', {})).find((s) => s.name === 'Laura Kent');
    expect(laura).toMatchObject({ knowledge: 3, ability: null, reinforcement: null, barrierPoint: 'desire', quadrant: 'manage closely' });
    const before = JSON.stringify(exportWorkspace(t.engine));
    const second = await importCsv(ROWS);
    expect(second).toMatchObject({ rows: 3, new: 0, changed: 0, unchanged: 3 });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('a changed support level updates the person through the write path: the history and the timeline record it, by whom', async () => {
    await importCsv(ROWS);
    const changed = ROWS.map((r) => (r.startsWith('Laura') ? r.replace(',sceptical,5,2,', ',supportive,5,4,') : r));
    expect(await importCsv(changed)).toMatchObject({ new: 0, changed: 1, unchanged: 2 });
    const laura = (await callTyped(t.host, 'stakeholders.list', {})).find((s) => s.name === 'Laura Kent');
    const history = await callTyped(t.host, 'history.get', { table: 'stakeholders', id: laura?.id ?? '' });
    expect(history).toHaveLength(2);
    expect(history[0]?.author?.name).toBe('Dana Lee');
    expect(history[0]?.changes).toEqual([
      { field: 'desire', from: 2, to: 4 },
      { field: 'support', from: 'sceptical', to: 'supportive' },
    ]);
    const timeline = await callTyped(t.host, 'stakeholders.timeline', { id: laura?.id ?? '' });
    expect(timeline.map((e) => e.kind)).toEqual(['rating', 'created']);
  });

  it('matches by email (any case) when the row has one, else by name and team', async () => {
    await importCsv(ROWS);
    const moved = [
      HEADER,
      // Same email in other case, new name and team: the same person, renamed and moved.
      'Kwame Asante-Boateng,Claims team lead,Claims North,kwame.asante@ACME.example,3,4,supportive,5,4,4,3,,,,,,,',
      // No email: Dev Mistry of Claims North, by name (any case) and team.
      'dev mistry,Claims handler,Claims North,,1,3,neutral,4,2,,,,,,,,handlers,',
      // Dev Mistry of another team is someone else.
      'Dev Mistry,Claims handler,Claims South,,1,3,neutral,,,,,,,,,,,',
    ];
    expect(await importCsv(moved)).toMatchObject({ new: 1, changed: 2, unchanged: 0 });
    expect(await register()).toEqual([
      ['dev mistry', 'Claims North', null, 'neutral', 2, null, 'handlers'],
      ['Dev Mistry', 'Claims South', null, 'neutral', null, null, ''],
      ['Kwame Asante-Boateng', 'Claims North', 'kwame.asante@ACME.example', 'supportive', 4, null, ''],
      ['Laura Kent', 'Claims North', 'laura.kent@acme.example', 'sceptical', 2, 'Dana Lee', 'leads|steering'],
    ]);
    // A row with an email gives it to the same-named person of the team who had none.
    const withEmail = [HEADER.split(',').slice(0, 4).join(','), 'dev mistry,Claims handler,Claims North,dev.mistry@acme.example'];
    expect(await importCsv(withEmail)).toMatchObject({ new: 0, changed: 1 });
    expect((await register()).find((r) => r[0] === 'dev mistry')?.[2]).toBe('dev.mistry@acme.example');
  });

  it('columns left out change nothing; only name and team are required; a new person gets middling ratings, neutral', async () => {
    await importCsv(ROWS);
    expect(await importCsv(['team,name', 'Claims North,Laura Kent', 'Claims South,Nadia Karim'])).toMatchObject({ new: 1, unchanged: 1 });
    const list = await callTyped(t.host, 'stakeholders.list', {});
    expect(list.find((s) => s.name === 'Laura Kent')).toMatchObject({ support: 'sceptical', desire: 2, tags: ['leads', 'steering'] });
    expect(list.find((s) => s.name === 'Nadia Karim')).toMatchObject({ influence: 3, interest: 3, support: 'neutral', awareness: null });
  });

  it('a bad file changes nothing and lists every bad row: values, unknown owner, two rows for one person, unknown team', async () => {
    await importCsv(ROWS);
    const before = JSON.stringify(exportWorkspace(t.engine));
    const { message, data } = await refusal([
      HEADER,
      ',Claims handler,Claims North,,1,3,neutral,,,,,,,,,,,',
      'Amy Lo,Claims handler,Claims North,amy.lo@,6,3,keen,0,,,,,,,,,,',
      'Bo Chen,Claims handler,Claims North,,1,3,neutral,,,,,,,,,Nobody Here,,',
      'Laura K.,Manager,Claims North,LAURA.KENT@acme.example,4,4,neutral,,,,,,,,,,,',
      'Laura Kent,Manager,Claims North,laura.kent@acme.example,4,4,neutral,,,,,,,,,,,',
      'Cy Ng,Claims handler,Claims Nrth,,1,3,neutral,,,,,,,,,,,',
    ]);
    expect(data.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'name', ''],
      [3, 'email', 'amy.lo@'],
      [3, 'influence', '6'],
      [3, 'support', 'keen'],
      [3, 'awareness', '0'],
      [4, 'owner', 'Nobody Here'],
      [6, 'email', 'laura.kent@acme.example'],
    ]);
    expect(data.problems[6]?.message).toMatch(/rows 5 and 6 are both Laura Kent \(matched by email\)/);
    expect(data.names).toEqual([expect.objectContaining({ kind: 'team', name: 'Claims Nrth', rows: [7], suggestion: 'Claims North' })]);
    expect(message).toMatch(/row 3, column "support", value "keen": one of opposed, sceptical, neutral, supportive, advocate/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    // The suggested name fixes it: "did you mean" applies to every row.
    const fixed = await importCsv([HEADER, 'Cy Ng,Claims handler,Claims Nrth,,1,3,neutral,,,,,,,,,,,'], {
      aliases: { 'Claims Nrth': 'Claims North' },
    });
    expect(fixed).toMatchObject({ new: 1 });
  });

  it('a dry run checks and counts, and writes nothing; an unknown team can be created', async () => {
    const before = JSON.stringify(exportWorkspace(t.engine));
    expect(await importCsv(ROWS, { dryRun: true })).toMatchObject({ dryRun: true, new: 3 });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    const s = await importCsv([HEADER.split(',').slice(0, 3).join(','), 'Rosa Mendes,Head of Fraud,Fraud Analytics'], {
      createMissing: true,
    });
    expect(s).toMatchObject({ new: 1, created: { teams: ['Fraud Analytics'] } });
  });

  it('round trip: the register exported as CSV imports back unchanged, formula-like text and an owner since removed included', async () => {
    const teams = await callTyped(t.host, 'teams.list', {});
    const north = teams.find((x) => x.name === 'Claims North')?.id ?? '';
    const mei = await callTyped(t.host, 'members.create', { name: 'Mei Chen', role: 'champion', profileOnThisDevice: false });
    await callTyped(t.host, 'stakeholders.create', {
      name: '=Hyperlink Person',
      title: '-Lead',
      teamId: north,
      influence: 5,
      interest: 2,
      support: 'advocate',
      awareness: 4,
      ownerMemberId: mei.id,
      tags: ['a, b', 'c'],
      notes: 'Says "no"\non two lines',
    });
    await importCsv(ROWS);
    await callTyped(t.host, 'members.delete', { id: mei.id });
    const csv = await callTyped(t.host, 'stakeholders.exportCsv', {});
    const before = JSON.stringify(exportWorkspace(t.engine));
    const f = path.join(t.dir, csv.fileName);
    fs.writeFileSync(f, csv.content);
    expect(await callTyped(t.host, 'imports.run', { kind: 'stakeholders', path: f })).toMatchObject({ rows: 4, new: 0, unchanged: 4 });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });
});

describe('custom field columns', () => {
  it('a column named after a custom field sets its values (checked by type), the same file again changes nothing, a bad value writes nothing', async () => {
    const region = await callTyped(t.host, 'stakeholderFields.create', { name: 'Region', type: 'choice', choices: ['North', 'South'] });
    const review = await callTyped(t.host, 'stakeholderFields.create', { name: 'Next review', type: 'date' });
    const header = `${HEADER},region,Next review`;
    const rows = [header, `${ROWS[1]},north,2026-12-14`, `${ROWS[3]},South,`];
    expect(await importCsv(rows)).toMatchObject({ new: 2, changed: 0 });
    const fields = async () => Object.fromEntries((await callTyped(t.host, 'stakeholders.list', {})).map((s) => [s.name, s.fields]));
    // The choice is stored as the field spells it; an empty cell is no value.
    expect(await fields()).toEqual({
      'Laura Kent': { [region.id]: 'North', [review.id]: '2026-12-14' },
      'Kwame Asante': { [region.id]: 'South' },
    });
    expect(await importCsv(rows)).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    // A changed value updates through the write path: the history names the field's key.
    expect(await importCsv([header, `${ROWS[1]},South,2026-12-14`, `${ROWS[3]},South,`])).toMatchObject({ changed: 1, unchanged: 1 });
    const laura = (await callTyped(t.host, 'stakeholders.list', {})).find((s) => s.name === 'Laura Kent');
    const history = await callTyped(t.host, 'history.get', { table: 'stakeholders', id: laura?.id ?? '' });
    expect(history.flatMap((e) => e.changes).filter((c) => c.to === 'South')).toHaveLength(1);

    const before = JSON.stringify(exportWorkspace(t.engine));
    const { data } = await refusal([header, `${ROWS[1]},West,2026-02-30`]);
    expect(data.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'Region', 'West'],
      [2, 'Next review', '2026-02-30'],
    ]);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('the exported register, custom fields included, imports back unchanged', async () => {
    const region = await callTyped(t.host, 'stakeholderFields.create', { name: 'Region', type: 'choice', choices: ['North', 'South'] });
    await importCsv(ROWS);
    const kwame = (await callTyped(t.host, 'stakeholders.list', {})).find((s) => s.name === 'Kwame Asante');
    await callTyped(t.host, 'stakeholders.update', { id: kwame?.id ?? '', fields: { [region.id]: 'South' } });
    const exported = await callTyped(t.host, 'stakeholders.exportCsv', {});
    expect(exported.content.split(/\r?\n/)[0]).toMatch(/,notes,Region$/);
    const before = JSON.stringify(exportWorkspace(t.engine));
    expect(await importCsv(exported.content.trimEnd().split(/\r?\n/))).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });
});

describe('stakeholders from another tool: the column mapping', () => {
  const OTHER = 'Full name,Job title,Department,E-mail,Power,Interest,Stance';

  it('proposes a mapping by column names; saved, it reads the next file with the same header without being asked', async () => {
    const first = file('jan.csv', [OTHER, 'Laura Kent,Claims operations manager,Claims North,laura.kent@acme.example,4,4,Skeptical']);
    const proposal = inspectFile(t.engine, 'stakeholders', first);
    expect(proposal).toMatchObject({ own: false, matched: null });
    expect(proposal.proposed.columns).toEqual(OTHER_TOOL_STAKEHOLDER_COLUMNS);
    // What the export computes is not a column to map.
    expect(proposal.targets.map((x) => x.column)).not.toContain('quadrant');
    expect(proposal.targets.filter((x) => !x.optional).map((x) => x.column)).toEqual(['name', 'team']);
    await callTyped(t.host, 'imports.saveMapping', { mapping: { ...proposal.proposed, name: 'Stakeholder tool' } });
    expect(
      await importCsv([OTHER, 'Laura Kent,Claims operations manager,Claims North,laura.kent@acme.example,4,4,Skeptical']),
    ).toMatchObject({ new: 1, mapping: 'Stakeholder tool' });
    // The next file, same header: the saved mapping, unasked; the same person is updated, a new one added.
    const next = await importCsv([
      OTHER,
      'Laura Kent,Claims operations manager,Claims North,LAURA.KENT@acme.example,4,5,Neutral',
      'Ann Lee,Agent,Claims South,,1,2,Supportive',
    ]);
    expect(next).toMatchObject({ new: 1, changed: 1, mapping: 'Stakeholder tool' });
    const list = await callTyped(t.host, 'stakeholders.list', {});
    expect(list.map((s) => [s.name, s.interest, s.support])).toEqual([
      ['Ann Lee', 2, 'supportive'],
      ['Laura Kent', 5, 'neutral'],
    ]);
    // A bad cell is named by the file's own column.
    const { message } = await refusal([OTHER, 'Ann Lee,Agent,Claims South,,1,2,Keen']);
    expect(message).toMatch(/row 2, column "Stance", value "Keen": one of opposed/);
  });

  it('a custom field is a column to map: its values are checked by type and named by the file’s column; a saved mapping whose field is gone says so', async () => {
    const region = await callTyped(t.host, 'stakeholderFields.create', { name: 'Region', type: 'choice', choices: ['North', 'South'] });
    const header = 'Full name,Department,Area';
    const first = file('areas.csv', [header, 'Laura Kent,Claims North,north']);
    const proposal = inspectFile(t.engine, 'stakeholders', first);
    // The workspace's fields are offered after Uptake's own columns, all optional.
    expect(proposal.targets.at(-1)).toEqual({ column: 'Region', optional: true });
    const mapping = { ...proposal.proposed, name: 'Areas', columns: { ...proposal.proposed.columns, Region: 'Area' } };
    await callTyped(t.host, 'imports.saveMapping', { mapping });
    expect(await importCsv([header, 'Laura Kent,Claims North,north'])).toMatchObject({ new: 1, mapping: 'Areas' });
    const values = async () => (await callTyped(t.host, 'stakeholders.list', {})).map((s) => [s.name, s.fields[region.id] ?? null]);
    expect(await values()).toEqual([['Laura Kent', 'North']]);

    let before = JSON.stringify(exportWorkspace(t.engine));
    const { message } = await refusal([header, 'Laura Kent,Claims North,West']);
    expect(message).toMatch(/row 2, column "Area", value "West": /);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    // A field renamed only in case is the same column, as in the register's own file.
    await callTyped(t.host, 'stakeholderFields.update', { id: region.id, name: 'REGION' });
    expect(await importCsv([header, 'Laura Kent,Claims North,south'])).toMatchObject({ changed: 1, mapping: 'Areas' });
    expect(await values()).toEqual([['Laura Kent', 'South']]);
    // Renamed since the mapping was saved: the import says which field and what to do, and writes nothing.
    await callTyped(t.host, 'stakeholderFields.update', { id: region.id, name: 'Sales region' });
    before = JSON.stringify(exportWorkspace(t.engine));
    const gone = await refusal([header, 'Laura Kent,Claims North,South']);
    expect(gone.message).toBe(
      'The mapping "Areas" fills the custom field "Region", which this workspace does not have (renamed or removed since the mapping was saved). Add it under Settings → Stakeholder fields, or map the file\'s columns again. Nothing was imported.',
    );
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    // A mapping that names a field the workspace does not have is not saved.
    const refused = await call(t.host, 'imports.saveMapping', { mapping: { ...mapping, name: 'Areas 2' } }).catch((x: unknown) => x);
    expect((refused as UserError).message).toContain('columns.Region: not a stakeholders column');
    expect((refused as UserError).message).toContain('or one of the workspace’s custom fields by name');
  });

  it('a custom date field reads with the mapping’s date format: proposed from the file’s dates, converted, a date that does not read refused by the file’s column, row and format', async () => {
    const review = await callTyped(t.host, 'stakeholderFields.create', { name: 'Next review', type: 'date' });
    const header = 'Full name,Department,Next review date';
    const rows = ['Laura Kent,Claims North,31/03/2026', 'Dev Mistry,Claims North,07/04/2026'];
    const proposal = inspectFile(t.engine, 'stakeholders', file('reviews.csv', [header, ...rows]));
    expect(proposal.targets.at(-1)).toEqual({ column: 'Next review', optional: true, date: 'date' });
    expect(proposal.proposed.columns['Next review']).toBe('Next review date');
    expect(proposal.proposed.dates).toEqual({ format: 'dd/MM/yyyy', timeZone: 'UTC' });
    await callTyped(t.host, 'imports.saveMapping', { mapping: { ...proposal.proposed, name: 'Reviews' } });
    expect(await importCsv([header, ...rows])).toMatchObject({ new: 2, mapping: 'Reviews' });
    const values = async () => (await callTyped(t.host, 'stakeholders.list', {})).map((s) => [s.name, s.fields[review.id] ?? null]);
    expect(await values()).toEqual([
      ['Dev Mistry', '2026-04-07'],
      ['Laura Kent', '2026-03-31'],
    ]);

    // Every date that does not read with the mapping's format is listed; nothing is written.
    const before = JSON.stringify(exportWorkspace(t.engine));
    const { message } = await refusal([header, 'Laura Kent,Claims North,2026-05-31', 'Dev Mistry,Claims North,31/02/2026']);
    expect(message).toMatch(/row 2, column "Next review date", value "2026-05-31": a date written as dd\/MM\/yyyy/);
    expect(message).toMatch(/row 3, column "Next review date", value "31\/02\/2026": a date written as dd\/MM\/yyyy/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);

    // Month first: proposed as such, and a mapping given with the import reads it.
    const us = inspectFile(t.engine, 'stakeholders', file('us.csv', ['Full name,Department,Review', 'Laura Kent,Claims North,05/31/2026']));
    expect(us.proposed.dates).toEqual({ format: 'MM/dd/yyyy', timeZone: 'UTC' });
    const mapping = { ...us.proposed, name: 'US', columns: { ...us.proposed.columns, 'Next review': 'Review' } };
    expect(await importCsv(['Full name,Department,Review', 'Laura Kent,Claims North,05/31/2026'], { mapping })).toMatchObject({
      changed: 1,
    });
    expect(await values()).toEqual([
      ['Dev Mistry', '2026-04-07'],
      ['Laura Kent', '2026-05-31'],
    ]);
  });

  it('examples/stakeholders-other-tool.csv maps without a question left and imports into the demo teams', async () => {
    for (const name of ['Claims', 'Underwriting', 'Contact Centre Leeds', 'Contact Centre Bristol'])
      await callTyped(t.host, 'teams.create', { name });
    const f = examplePath('stakeholders-other-tool.csv');
    const proposal = inspectFile(t.engine, 'stakeholders', f);
    const s = await callTyped(t.host, 'imports.run', { kind: 'stakeholders', path: f, mapping: { ...proposal.proposed, name: 'x' } });
    expect(s).toMatchObject({ rows: 10, new: 10 });
  });
});
