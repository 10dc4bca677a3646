import { Box, Group, Table, Text, Title } from '@mantine/core';
import { localeNumber, localePercent } from '../locale/locale';
import type { Report, ReportRow } from '../reports/types';

const number = localeNumber;
const percent = localePercent;

/** A share as a whole percentage; "no data" (never 0) when nothing was reviewed. */
export function appropriateness(row: Pick<ReportRow, 'overrideAppropriateness'>): string {
  return row.overrideAppropriateness === null ? 'no data' : percent.format(row.overrideAppropriateness);
}

/**
 * The line above one initiative · team of the sample. Two different counts, each named: how far
 * this sample has got, and the cell's override appropriateness over every verdict given there (any
 * sample), which is the report's own figure.
 */
export function groupProgress(
  reviewed: number,
  size: number,
  cell: Pick<ReportRow, 'overrideAppropriateness' | 'counts'> | undefined,
): string {
  const all = cell?.counts.reviewed ?? 0;
  // Nothing judged here yet, in this sample or any other: one plain clause, no "0%" and no "of 0".
  if (cell && all === 0 && reviewed === 0) return `${number.format(size)} in this sample · none reviewed yet`;
  const sample = `${number.format(reviewed)} of ${number.format(size)} in this sample reviewed`;
  if (!cell || cell.overrideAppropriateness === null) return sample;
  return `${sample} · ${appropriateness(cell)} appropriate of ${number.format(all)} reviewed in all`;
}

function SummaryRow({ row, label, total }: { row: ReportRow; label: string; total?: boolean }) {
  const c = row.counts;
  return (
    <Table.Tr data-testid="review-summary-row" data-total={total ? 'true' : undefined} fw={total ? 600 : undefined}>
      <Table.Td pl="lg">
        <Text size="sm" fw={total ? 600 : 500} span>
          {label}
        </Text>
      </Table.Td>
      <Table.Td ta="right" className="tabular" data-figure="overridden">
        {number.format(c.overridden)}
      </Table.Td>
      <Table.Td ta="right" className="tabular" data-figure="reviewed">
        {number.format(c.reviewed)}
      </Table.Td>
      <Table.Td ta="right" className="tabular" data-figure="appropriate">
        {number.format(c.appropriate)}
      </Table.Td>
      <Table.Td ta="right" className="tabular" data-figure="inappropriate">
        {number.format(c.reviewed - c.appropriate)}
      </Table.Td>
      <Table.Td ta="right" pr="lg" className="tabular" data-figure="overrideAppropriateness">
        {row.overrideAppropriateness === null ? (
          <Text span size="sm" c="dimmed">
            no data
          </Text>
        ) : (
          appropriateness(row)
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The report's own counts for the slice: overrides, how many have a verdict, and the resulting
 * override appropriateness, so the reviewer sees each verdict land.
 */
export function ReviewSummary({ report }: { report: Report }) {
  const rows = report.rows.filter((r) => r.counts.overridden > 0);
  const name = (r: ReportRow) => `${r.initiative ?? 'All initiatives'} · ${r.team ?? 'All teams'}`;
  return (
    <Box>
      <Group justify="space-between" align="baseline" px="lg" mb={6}>
        <Title order={2}>Effect on the report</Title>
        <Text size="xs" c="dimmed">
          Mostly appropriate: the model is wrong for the team. Mostly not: a trust and training problem.
        </Text>
      </Group>
      <Table className="data-table" aria-label="Override appropriateness by initiative and team">
        <Table.Thead>
          <Table.Tr>
            <Table.Th pl="lg">Initiative · team</Table.Th>
            <Table.Th ta="right">Overrides</Table.Th>
            <Table.Th ta="right">Reviewed</Table.Th>
            <Table.Th ta="right">Appropriate</Table.Th>
            <Table.Th ta="right">Not appropriate</Table.Th>
            <Table.Th ta="right" pr="lg">
              Override appropriateness
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <SummaryRow key={`${r.initiativeId}-${r.teamId}`} row={r} label={name(r)} />
          ))}
          {rows.length > 1 && <SummaryRow row={report.overall} label="Total" total />}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
