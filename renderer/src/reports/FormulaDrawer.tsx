import { Badge, Box, Button, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { explain, FIGURE_LABELS, type FigureKey, pct, points, rowName } from './formulas';
import type { Report, ReportRow } from './types';

export interface FigureTarget {
  row: ReportRow;
  key: FigureKey;
}

const number = new Intl.NumberFormat('en-US');

/** How one figure was computed: METRICS.md's formula, the slice's counts put in, the weights used. */
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
      size={480}
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
              Formula (METRICS.md)
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
          <Box>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              Counts behind this row
            </Text>
            <Table withRowBorders={false} verticalSpacing={2} fz="xs" aria-label="Counts">
              <Table.Tbody>
                {Object.entries(target.row.counts).map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {number.format(Math.round(value * 100) / 100)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        </Stack>
      )}
    </Drawer>
  );
}
