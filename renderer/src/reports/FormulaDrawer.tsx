import { Anchor, Badge, Box, Button, Code, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useLocale } from '../locale/locale';
import { COUNT_LABELS, explain, FIGURE_LABELS, type FigureKey, figureText, fmt, rowName } from './formulas';
import { SourceRowsPanel } from './SourceRowsPanel';
import type { Report, ReportRow } from './types';

/** Long formulas wrap rather than scroll sideways. */
const WRAP = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

export interface FigureTarget {
  row: ReportRow;
  key: FigureKey;
}

// The bundled docs and their renderer load when first opened, not with the report.
const DocsModal = lazy(() => import('./DocsModal').then((m) => ({ default: m.DocsModal })));

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
  const locale = useLocale();
  const [docs, setDocs] = useState(false);
  const e = target ? explain(target.row, target.key, report.weights, locale) : null;
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="min(640px, 94vw)"
      title={e ? `How ${e.label.toLowerCase()} is computed` : ''}
    >
      {target && e && (
        <Stack gap="md" data-testid="formula-drawer">
          <Box>
            <Text size="xs" c="dimmed">
              {rowName(target.row)}
            </Text>
            <Text fz={28} fw={600} className="tabular">
              {figureText(target.row, target.key, locale, 1)}
            </Text>
          </Box>
          <Box>
            <Group justify="space-between" mb={4} gap="xs">
              <Text size="xs" fw={600} c="dimmed">
                Formula
              </Text>
              <Anchor component="button" type="button" size="xs" onClick={() => setDocs(true)} data-testid="formula-docs-link">
                All formulas explained (docs/metrics.md)
              </Anchor>
            </Group>
            <Code block style={WRAP} data-testid="formula-definition">
              {e.formula}
            </Code>
          </Box>
          <Box>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              With this slice’s counts
            </Text>
            <Code block style={WRAP} data-testid="formula-worked">
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
                  return (
                    <Button key={p} size="xs" variant="default" onClick={() => onOpen({ row: target.row, key: p })}>
                      {FIGURE_LABELS[p]}: {figureText(target.row, p, locale)}
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
                  Reliance {fmt.decimal(report.weights.reliance, locale)}
                </Badge>
                <Badge variant="light" color="gray">
                  Trust {fmt.decimal(report.weights.trust, locale)}
                </Badge>
                <Badge variant="light" color="gray">
                  Shadow-free {fmt.decimal(report.weights.shadowFree, locale)}
                </Badge>
              </Group>
            </Box>
          )}
          <Box component="details" className="counts-details">
            <Text component="summary" size="xs" fw={600} c="dimmed">
              All sums behind this row
            </Text>
            <SimpleGrid cols={2} spacing={0} verticalSpacing={0} mt={6}>
              {(Object.keys(COUNT_LABELS) as (keyof typeof COUNT_LABELS)[]).map((name) => (
                <Group key={name} justify="space-between" px={8} py={2} className="counts-cell" wrap="nowrap">
                  <Text size="xs">{COUNT_LABELS[name]}</Text>
                  <Text size="xs" className="tabular">
                    {fmt.decimal(target.row.counts[name], locale)}
                  </Text>
                </Group>
              ))}
            </SimpleGrid>
          </Box>
        </Stack>
      )}
      {docs && (
        <Suspense fallback={null}>
          <DocsModal opened section="Formulas" onClose={() => setDocs(false)} />
        </Suspense>
      )}
    </Drawer>
  );
}
