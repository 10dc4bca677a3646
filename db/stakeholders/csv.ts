import type { Engine } from '../open';
import { toCsv } from '../reports/csv';
import { listFields } from './fields';
import { ADKAR_ELEMENTS, STAKEHOLDER_CSV_COLUMNS, type StakeholderCsv } from './model';
import { inScope, type TeamScope } from './scope';
import { listStakeholders } from './stakeholders';

// Declared in the model: custom field names may not take them (db/stakeholders/fields.ts).
export { STAKEHOLDER_CSV_COLUMNS };

/**
 * The stakeholder register as CSV, one row per live stakeholder by name, through the one CSV
 * writer: names and notes are typed by people, so a cell that starts like a formula is neutralised.
 * Tags are joined with "; ". An ADKAR element not assessed is an empty cell. After the built-in
 * columns, one per live custom field, headed by its name, in the fields' order.
 */
export function stakeholdersCsv(engine: Engine, scope: TeamScope = null): StakeholderCsv {
  const fields = listFields(engine);
  const rows = listStakeholders(engine)
    .filter((s) => inScope(scope, s.teamId))
    .map((s) => [
      s.name,
      s.title,
      s.team,
      s.email,
      s.influence,
      s.interest,
      s.support,
      ...ADKAR_ELEMENTS.map((e) => s[e]),
      s.barrierPoint,
      s.quadrant,
      s.openConcerns,
      s.owner,
      s.tags.join('; '),
      s.notes,
      ...fields.map((f) => s.fields[f.id] ?? null),
    ]);
  const header = [...STAKEHOLDER_CSV_COLUMNS, ...fields.map((f) => f.name)];
  return { fileName: 'uptake-stakeholders.csv', mimeType: 'text/csv', rows: rows.length, content: toCsv(header, rows) };
}
