import { Badge, Box, Button, Code, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { explain, FIGURE_LABELS, type FigureKey, pct, points, rowName } from './formulas';
import { SourceRowsPanel } from './SourceRowsPanel';
import type { Report, ReportRow } from './types';

export interface FigureTarget {
  row: ReportRow;
  key: FigureKey;
}

const number = new Intl.NumberFormat('en-US');

/** How one figure was computed: docs/metrics.md's formula, the slice's counts put in, the weights used. */
export function FormulaDrawer({
  target,
  report,
  onOpen,
  onClose,
}: {
  target: FigureTarget | null;
  report: Report;
  onOpen: (t: FigureTarget) => void;
  onClose: () => void;
}) {
  const e = target ? explain(target.row, target.key, report.weights) : null;
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={640}
      title={e ? `How ${e.label.toLowerCase()} is computed` : ''}
    >
      {target && e && (
        <Stack gap="md" data-testid="formula-drawer">
          <Box>
            <Text size="xs" c="dimmed">
              {rowName(target.row)}
            </Text>
            <Text fz={28} fw={600} className="tabular">
              {target.key === 'gap' ? points(e.value) : pct(e.value, 1)}
            </Text>
          </Box>
          <Box>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              Formula (docs/metrics.md)
            </Text>
            <Code block>{e.formula}</Code>
          </Box>
          <Box>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              With this slice’s counts
            </Text>
            <Code block data-testid="formula-worked">
              {e.worked}
            </Code>
            {e.note && (
              <Text size="xs" c="dimmed" mt={6}>
                {e.note}
              </Text>
            )}
          </Box>
          {e.parts.length > 0 && (
            <Box>
              <Text size="xs" fw={600} c="dimmed" mb={4}>
                Built from
              </Text>
              <Group gap={6}>
                {e.parts.map((p) => {
                  const v = explain(target.row, p, report.weights).value;
                  return (
                    <Button key={p} size="xs" variant="default" onClick={() => onOpen({ row: target.row, key: p })}>
                      {FIGURE_LABELS[p]}: {p === 'gap' ? points(v) : pct(v)}
                    </Button>
                  );
                })}
              </Group>
            </Box>
          )}
          <SourceRowsPanel
            key={`${target.key}-${target.row.initiativeId}-${target.row.teamId}`}
            figure={target.key}
            row={target.row}
            slice={{ initiative: target.row.initiativeId, team: target.row.teamId, from: report.slice.from, to: report.slice.to }}
          />
          {(target.key === 'real' || target.key === 'gap') && (
            <Box>
              <Text size="xs" fw={600} c="dimmed" mb={4}>
                Weights used for real adoption
              </Text>
              <Group gap={6}>
                <Badge variant="light" color="gray">
                  reliance {report.weights.reliance}
                </Badge>
                <Badge variant="light" color="gray">
                  trust {report.weights.trust}
                </Badge>
                <Badge variant="light" color="gray">
                  shadow-free {report.weights.shadowFree}
                </Badge>
              </Group>
            </Box>
          )}
          <Box component="details" className="counts-details">
            <Text component="summary" size="xs" fw={600} c="dimmed">
              All sums behind this row
            </Text>
            <SimpleGrid cols={2} spacing={0} verticalSpacing={0} mt={6}>
              {Object.entries(target.row.counts).map(([name, value]) => (
                <Group key={name} justify="space-between" px={8} py={2} className="counts-cell">
                  <Text size="xs">{name}</Text>
                  <Text size="xs" className="tabular">
                    {number.format(Math.round(value * 100) / 100)}
                  </Text>
                </Group>
              ))}
            </SimpleGrid>
          </Box>
        </Stack>
      )}
    </Drawer>
  );
}
