import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import { createDemo } from '../../db/demo';
import { exportWorkspace } from '../../db/export';
import type { FieldType } from '../../db/stakeholders/model';
import { tempEngine, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Claims North'] });

async function setup() {
  const north = (await callTyped(t.host, 'teams.list', {}))[0]?.id ?? '';
  const ravi = await callTyped(t.host, 'stakeholders.create', {
    name: 'Ravi',
    teamId: north,
    influence: 3,
    interest: 3,
    support: 'neutral',
  });
  const region = await callTyped(t.host, 'stakeholderFields.create', {
    name: 'Region',
    type: 'choice',
    choices: ['North', 'South', 'Central'],
  });
  return { north, ravi, region };
}

/** Defines a field of a type without choices (a choice field is created with its choices). */
const defineField = (name: string, type: Exclude<FieldType, 'choice'>) => callTyped(t.host, 'stakeholderFields.create', { name, type });
const setFields = (id: string, fields: Record<string, string | number | null>) => callTyped(t.host, 'stakeholders.update', { id, fields });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: Error) => e.message,
  );

describe('custom stakeholder field definitions', () => {
  it('a name is unique among live fields (ignoring case) and may not be a built-in column; a choice field needs a choice', async () => {
    await setup();
    expect(await refusal(defineField(' region ', 'text'))).toMatch(/already has a field called "Region"/);
    expect(await refusal(defineField('Team', 'text'))).toMatch(/built-in column/);
    expect(await refusal(callTyped(t.host, 'stakeholderFields.create', { name: 'Site', type: 'choice', choices: [] }))).toMatch(
      /at least one choice/,
    );
    const site = await callTyped(t.host, 'stakeholderFields.create', {
      name: 'Site',
      type: 'choice',
      choices: ['Leeds', ' leeds', 'York'],
    });
    expect(site.choices).toEqual(['Leeds', 'York']);
    expect((await callTyped(t.host, 'stakeholderFields.list', {})).map((f) => f.name)).toEqual(['Region', 'Site']);
    await callTyped(t.host, 'stakeholderFields.move', { id: site.id, direction: 'up' });
    expect((await callTyped(t.host, 'stakeholderFields.list', {})).map((f) => f.name)).toEqual(['Site', 'Region']);
  });

  it('renaming keeps the values; changing the type is refused once a value exists, and says why', async () => {
    const { ravi, region } = await setup();
    const score = await defineField('Score', 'text');
    // No values yet: the type may change.
    expect((await callTyped(t.host, 'stakeholderFields.update', { id: score.id, type: 'number' })).type).toBe('number');
    await setFields(ravi.id, { [region.id]: 'South' });
    await callTyped(t.host, 'stakeholderFields.update', { id: region.id, name: 'Area' });
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).fields).toEqual({ [region.id]: 'South' });
    expect(await refusal(callTyped(t.host, 'stakeholderFields.update', { id: region.id, type: 'text' }))).toBe(
      'type: "Area" stays choice because 1 stakeholder has a value for it, which the new type could not hold. Clear those values first, or add a new field of the type you want.',
    );
    // A choice in use stays a choice; an unused one may go.
    expect(await refusal(callTyped(t.host, 'stakeholderFields.update', { id: region.id, choices: ['North'] }))).toMatch(
      /"South" is the value of 1 stakeholder/,
    );
    expect((await callTyped(t.host, 'stakeholderFields.update', { id: region.id, choices: ['South', 'North'] })).choices).toEqual([
      'South',
      'North',
    ]);
    // Cleared, the value no longer holds the type.
    await setFields(ravi.id, { [region.id]: '' });
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).fields).toEqual({});
    expect((await callTyped(t.host, 'stakeholderFields.update', { id: region.id, type: 'text' })).type).toBe('text');
  });

  it('deleting a field hides it and its values; restoring brings both back, unless a live field took its name', async () => {
    const { ravi, region } = await setup();
    await setFields(ravi.id, { [region.id]: 'North' });
    await callTyped(t.host, 'stakeholderFields.delete', { id: region.id });
    expect(await callTyped(t.host, 'stakeholderFields.list', {})).toEqual([]);
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).fields).toEqual({});
    expect(await refusal(setFields(ravi.id, { [region.id]: 'South' }))).toMatch(/the field "Region" was removed/);
    await callTyped(t.host, 'stakeholderFields.restore', { id: region.id });
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).fields).toEqual({ [region.id]: 'North' });

    await callTyped(t.host, 'stakeholderFields.delete', { id: region.id });
    await defineField('REGION', 'text');
    expect(await refusal(callTyped(t.host, 'stakeholderFields.restore', { id: region.id }))).toMatch(/already has a field called "REGION"/);
  });
});

describe('custom field values', () => {
  it('each type checks its values in the engine; an empty value clears; a refused value writes nothing', async () => {
    const { ravi, region } = await setup();
    const headcount = await defineField('Headcount', 'number');
    const review = await defineField('Next review', 'date');
    const note = await defineField('Background', 'text');

    expect(await refusal(setFields(ravi.id, { [headcount.id]: 'twelve' }))).toBe(
      'Headcount: "twelve" is not a number. Write a number such as 12 or 3.5, or leave it empty.',
    );
    expect(await refusal(setFields(ravi.id, { [headcount.id]: 'Infinity' }))).toMatch(/is not a number/);
    expect(await refusal(setFields(ravi.id, { [review.id]: '2026-02-30' }))).toMatch(/"2026-02-30" is not a date/);
    expect(await refusal(setFields(ravi.id, { [review.id]: '31/03/2026' }))).toMatch(/Write a date as YYYY-MM-DD/);
    expect(await refusal(setFields(ravi.id, { [region.id]: 'East' }))).toBe(
      'Region: "East" is not one of its choices (North, South, Central).',
    );
    expect(await refusal(setFields(ravi.id, { [note.id]: 'x'.repeat(2001) }))).toMatch(/longer than 2000 characters/);
    // One bad value refuses the whole change: the good one beside it is not written either.
    expect(await refusal(setFields(ravi.id, { [note.id]: 'Ex-union rep', [region.id]: 'East' }))).toMatch(/East/);
    expect((await callTyped(t.host, 'stakeholders.get', { id: ravi.id })).fields).toEqual({});

    const saved = await setFields(ravi.id, {
      [headcount.id]: ' 12.5 ',
      [review.id]: '2026-03-31',
      [region.id]: 'south',
      [note.id]: 'x'.repeat(2000),
    });
    expect(saved.fields).toEqual({ [headcount.id]: 12.5, [review.id]: '2026-03-31', [region.id]: 'South', [note.id]: 'x'.repeat(2000) });
    const cleared = await setFields(ravi.id, { [headcount.id]: null, [note.id]: '' });
    expect(cleared.fields).toEqual({ [review.id]: '2026-03-31', [region.id]: 'South' });
    // Values on create too, and in the register and the export.
    const north = ravi.teamId;
    const ana = await callTyped(t.host, 'stakeholders.create', {
      name: 'Ana',
      teamId: north,
      influence: 4,
      interest: 4,
      support: 'supportive',
      fields: { [region.id]: 'North' },
    });
    expect((await callTyped(t.host, 'stakeholders.list', {})).map((s) => [s.name, s.fields[region.id]])).toEqual([
      ['Ana', 'North'],
      ['Ravi', 'South'],
    ]);
    const exported = exportWorkspace(t.engine).tables;
    expect(exported.stakeholder_fields?.map((f) => f.name)).toEqual(['Region', 'Headcount', 'Next review', 'Background']);
    expect(exported.stakeholder_field_values?.filter((v) => v.stakeholderId === ana.id).map((v) => v.value)).toEqual(['North']);
  });

  it('the history names the field and dates a date; the drawer reads it from the stakeholder', async () => {
    const { ravi, region } = await setup();
    const review = await defineField('Next review', 'date');
    await setFields(ravi.id, { [region.id]: 'North', [review.id]: '2026-04-01' });
    await setFields(ravi.id, { [region.id]: 'South' });
    const history = await callTyped(t.host, 'history.get', { table: 'stakeholders', id: ravi.id });
    const changes = history.flatMap((h) => h.changes.filter((c) => c.field.startsWith('field:')));
    expect(changes).toEqual([
      { field: `field:${region.id}`, from: 'North', to: 'South' },
      { field: `field:${review.id}`, from: null, to: '2026-04-01' },
      { field: `field:${region.id}`, from: null, to: 'North' },
    ]);
    expect(history[0]?.author?.name).toBe('Dana Lee');
    expect(history[history.length - 1]?.created).toBe(true);
  });

  it('champions and sponsors may read the fields but not define them or set values', async () => {
    const { ravi, region } = await setup();
    for (const role of ['champion', 'sponsor'] as const) {
      const member = await callTyped(t.host, 'members.create', { name: `A ${role}`, role, profileOnThisDevice: true });
      const as = { ...t.host, actAs: member.name };
      const before = JSON.stringify(exportWorkspace(t.engine));
      expect((await callTyped(as, 'stakeholderFields.list', {})).map((f) => f.name)).toEqual(['Region']);
      for (const [operation, input] of [
        ['stakeholderFields.create', { name: 'Mine', type: 'text' }],
        ['stakeholderFields.update', { id: region.id, name: 'Area' }],
        ['stakeholderFields.delete', { id: region.id }],
        ['stakeholders.update', { id: ravi.id, fields: { [region.id]: 'South' } }],
      ] as const)
        await expect(call(as, operation, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    }
  });
});

describe('the CSV export with custom fields', () => {
  it('appends one column per live field, by its name and in its order, after the built-in columns', async () => {
    const { ravi, region } = await setup();
    const headcount = await defineField('Headcount', 'number');
    const note = await defineField('Background', 'text');
    const gone = await defineField('Old', 'text');
    await setFields(ravi.id, { [region.id]: 'Central', [headcount.id]: 1250, [note.id]: '=cmd', [gone.id]: 'hidden' });
    await callTyped(t.host, 'stakeholderFields.delete', { id: gone.id });
    const [header, row] = (await callTyped(t.host, 'stakeholders.exportCsv', {})).content.split('\r\n');
    expect(header).toBe(
      'name,title,team,email,influence,interest,support,awareness,desire,knowledge,ability,reinforcement,barrier_point,quadrant,open_concerns,owner,tags,notes,Region,Headcount,Background',
    );
    // A value typed by a person that starts like a formula is neutralised, as every cell is.
    expect(row).toBe(`Ravi,,Claims North,,3,3,neutral,,,,,,,monitor,0,,,,Central,1250,"'=cmd"`);
  });
});

describe('the demo', () => {
  it('defines Region (North, South, Central) and Next review, with values for its stakeholders', async () => {
    const demo = tempEngine();
    try {
      await createDemo(demo.engine, 7);
      const host = { engine: demo.engine };
      const [region, review] = await callTyped(host, 'stakeholderFields.list', {});
      expect([region?.name, region?.type, region?.choices, review?.name, review?.type]).toEqual([
        'Region',
        'choice',
        ['North', 'South', 'Central'],
        'Next review',
        'date',
      ]);
      const people = await callTyped(host, 'stakeholders.list', {});
      const shona = people.find((p) => p.name === 'Shona Reid');
      expect(shona?.fields[region?.id ?? '']).toBe('North');
      expect(shona?.fields[review?.id ?? '']).toMatch(/^2026-12-\d\d$/);
      expect(people.every((p) => typeof p.fields[region?.id ?? ''] === 'string')).toBe(true);
      expect(new Set(people.map((p) => p.fields[region?.id ?? '']))).toEqual(new Set(['North', 'South', 'Central']));
    } finally {
      demo.cleanup();
    }
  });
});
