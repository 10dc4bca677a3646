import type { Engine } from '../open';
import { toCsv } from '../reports/csv';
import { STAKEHOLDER_CSV_COLUMNS } from './import-columns';
import { ADKAR_ELEMENTS, type StakeholderCsv } from './model';
import { inScope, type TeamScope } from './scope';
import { listStakeholders } from './stakeholders';

export { STAKEHOLDER_CSV_COLUMNS };

/**
 * The stakeholder register as CSV, one row per live stakeholder by name, through the one CSV
 * writer: names and notes are typed by people, so a cell that starts like a formula is neutralised.
 * Tags are joined with "; ". An ADKAR element not assessed is an empty cell.
 */
export function stakeholdersCsv(engine: Engine, scope: TeamScope = null): StakeholderCsv {
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
    ]);
  return { fileName: 'uptake-stakeholders.csv', mimeType: 'text/csv', rows: rows.length, content: toCsv(STAKEHOLDER_CSV_COLUMNS, rows) };
}
