import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconHistory, IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type Control, type FieldError, type Path, useController, useForm, useWatch } from 'react-hook-form';
import { MetricSettingsInput } from '../../../db/api/contract';
import { DEFAULT_METRIC_SETTINGS } from '../../../db/api/types';
import { percent } from '../../../db/reports/shared/format';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';
import type { FormatField, HistoryFormat } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import { currentLocale, useLocale } from '../locale/locale';
import {
  display,
  type FieldInfo,
  type MetricSettings,
  parseTyped,
  rangeText,
  THRESHOLD_FIELDS,
  type ThresholdKey,
  toText,
  WEIGHT_FIELDS,
  type WeightKey,
} from './metricFields';

/** The drawer reads `weights.reliance` as "Reliance weight" and each value as the report states it. */
const HISTORY_FORMAT: HistoryFormat = {
  table: 'settings',
  labels: Object.fromEntries([
    ...WEIGHT_FIELDS.map((f) => [`weights.${f.key}`, `${f.label} weight`]),
    ...THRESHOLD_FIELDS.map((f) => [`thresholds.${f.key}`, f.label]),
  ]),
  values: Object.fromEntries(
    [...WEIGHT_FIELDS.map((f) => ['weights', f] as const), ...THRESHOLD_FIELDS.map((f) => ['thresholds', f] as const)].map(([group, f]) => [
      `${group}.${f.key}`,
      ((v) => (typeof v === 'number' ? display(f.unit, v, currentLocale()) : undefined)) satisfies FormatField,
    ]),
  ),
};

/** Who changed the weights and thresholds, when, from what to what. */
function SettingsHistory() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="subtle" color="gray" leftSection={<IconHistory size={16} />} onClick={() => setOpen(true)}>
        History of changes
      </Button>
      <HistoryDrawer
        format={HISTORY_FORMAT}
        target={open ? { id: 'metrics', name: 'Weights and thresholds' } : null}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

export const READ_ONLY_NOTE = 'Only change managers can change weights and thresholds.';

/** A rule's message under its field: ranges in the field's own terms, not zod's. */
function message(error: FieldError | undefined, info: FieldInfo<string>, min: number): string | undefined {
  if (!error) return undefined;
  if (error.type === 'invalid_type' || error.type === 'too_big' || error.type === 'too_small') return rangeText(info.unit, min);
  const text = error.message ?? 'Not a valid value';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** No number (an empty or unreadable box) equals no number. */
const sameNumber = (a: number | undefined, b: number | undefined) =>
  a === b || ((a === undefined || Number.isNaN(a)) && (b === undefined || Number.isNaN(b)));

/*
 * A plain text box rather than Mantine's NumberInput: that one, bound to a number, rewrote the text
 * while it was typed (a step of 0.05 and strict clamping turned "0.8" into 0.85 and "0." into the
 * old value, and dropped "2" silently). Here the text is what was typed; the form holds its exact
 * value, or NaN while the text is not a number, so nothing unsaid is saved.
 */
function ValueInput({
  control,
  name,
  field: info,
  changed,
}: {
  control: Control<MetricSettings>;
  name: Path<MetricSettings>;
  field: FieldInfo<string>;
  /** Differs from the default: shown in bold, as in the read-only view. */
  changed: boolean;
}) {
  const { field, fieldState } = useController({ control, name });
  const value = typeof field.value === 'number' ? field.value : undefined;
  const [text, setText] = useState(() => toText(info.unit, value));
  const typed = parseTyped(info.unit, text);
  const typedValue = 'value' in typed ? typed.value : Number.NaN;
  // Reset, discard and save put a value in from outside (typing keeps the two equal): show it.
  if (!sameNumber(typedValue, value) && text !== toText(info.unit, value)) setText(toText(info.unit, value));
  const min = info.key === 'thinMonthDecisions' || info.key === 'thinMonthUsers' ? 0 : info.unit === 'count' ? 1 : 0;
  // Said once the box is left (the form validates on blur, then as it is typed), not at the first keystroke.
  const error = fieldState.error && 'error' in typed ? typed.error : fieldState.error;
  return (
    <TextInput
      aria-label={info.label}
      ref={field.ref}
      name={field.name}
      value={text}
      inputMode={info.unit === 'count' ? 'numeric' : 'decimal'}
      autoComplete="off"
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parseTyped(info.unit, next);
        field.onChange('value' in parsed ? parsed.value : Number.NaN);
      }}
      onBlur={() => {
        field.onBlur();
        // A value typed as "0." or "50" reads as the report states it once the box is left.
        if ('value' in typed) setText(toText(info.unit, typed.value));
      }}
      // Rules across fields (low below high, some weight above 0) are said once, above the buttons.
      error={typeof error === 'string' ? error : error?.type === 'custom' ? true : message(error, info, min)}
      w={112}
      size="xs"
      styles={{
        input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', fontWeight: changed ? 600 : 400 },
        error: { textAlign: 'right' },
      }}
    />
  );
}

function Rows<K extends string>({
  group,
  fields,
  values,
  control,
}: {
  group: 'weights' | 'thresholds';
  fields: FieldInfo<K>[];
  values: Record<K, number>;
  /** Absent: read-only. */
  control: Control<MetricSettings> | undefined;
}) {
  const defaults = DEFAULT_METRIC_SETTINGS[group] as Record<string, number>;
  const locale = useLocale();
  return fields.map((f) => {
    const changed = values[f.key] !== defaults[f.key];
    return (
      <Table.Tr key={f.key} data-testid={`metric-${f.key}`} data-changed={changed ? 'true' : undefined}>
        <Table.Td pl="md" w={200} style={{ verticalAlign: 'middle' }}>
          <Text size="sm" fw={500}>
            {f.label}
          </Text>
          {/* A weight's formula in monospace; a threshold's alerts in words, as the report titles them. */}
          <Text size="xs" c="dimmed" ff={group === 'weights' ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {f.drives}
          </Text>
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'middle' }}>
          <Text size="sm">{f.meaning}</Text>
        </Table.Td>
        <Table.Td ta="right" className="tabular" w={80} style={{ verticalAlign: 'middle' }} c="dimmed">
          {display(f.unit, defaults[f.key] ?? 0, locale)}
        </Table.Td>
        <Table.Td ta="right" w={136} pr="md" style={{ verticalAlign: 'middle' }}>
          {control ? (
            <Group justify="flex-end">
              <ValueInput control={control} name={`${group}.${f.key}` as Path<MetricSettings>} field={f} changed={changed} />
            </Group>
          ) : (
            <Text size="sm" className="tabular" fw={changed ? 600 : 400} data-testid="metric-value">
              {display(f.unit, values[f.key], locale)}
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
    );
  });
}

function Head({ title }: { title: string }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th pl="md">{title}</Table.Th>
        <Table.Th>Meaning</Table.Th>
        <Table.Th ta="right">Default</Table.Th>
        <Table.Th ta="right" pr="md">
          Value
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

/** How much each component counts when a slice has all three: the weights renormalised. */
function Shares({ weights }: { weights: Partial<Record<WeightKey, number>> }) {
  const w = WEIGHT_FIELDS.map((f) => [f.label, weights[f.key] ?? 0] as const);
  const sum = w.reduce((s, [, v]) => s + (Number.isFinite(v) ? v : 0), 0);
  const locale = useLocale();
  return (
    <Text size="xs" c="dimmed" px="md" py={8} data-testid="weight-shares">
      Weights are renormalised over the components a slice has data for, so they need not add up to 1.
      {sum > 0 &&
        ` With all three, real adoption is ${w.map(([label, v]) => `${percent(v / sum, locale)} ${label.toLowerCase()}`).join(', ')}.`}
    </Text>
  );
}

const box = { border: '1px solid var(--uptake-border)', borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' };

function SettingsTables({ values, control }: { values: MetricSettings; control?: Control<MetricSettings> }) {
  return (
    <Stack gap="md">
      <Box style={box}>
        <Table aria-label="Real adoption weights" verticalSpacing={8} className="data-table" style={{ borderTop: 0 }}>
          <Head title="Real adoption weight" />
          <Table.Tbody>
            <Rows group="weights" fields={WEIGHT_FIELDS} values={values.weights} control={control} />
          </Table.Tbody>
        </Table>
        <Shares weights={values.weights} />
      </Box>
      <Box style={box}>
        <Table aria-label="Alert thresholds" verticalSpacing={8} className="data-table" style={{ borderTop: 0 }}>
          <Head title="Alert threshold" />
          <Table.Tbody>
            <Rows group="thresholds" fields={THRESHOLD_FIELDS as FieldInfo<ThresholdKey>[]} values={values.thresholds} control={control} />
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

function Editor({ saved }: { saved: MetricSettings }) {
  const form = useForm<MetricSettings>({ resolver: zodResolver(MetricSettingsInput), defaultValues: saved, mode: 'onTouched' });
  const errors = useServerErrors(form.setError, []);
  const values = useWatch({ control: form.control }) as MetricSettings;
  const save = useMutation(
    orpc.metrics.configure.mutationOptions({
      meta: { inlineErrors: true },
      onError: errors.report,
      onSuccess: (s) => {
        form.reset(s);
        notifyDone('Weights and thresholds saved. Every report now uses them.');
      },
    }),
  );
  const atDefaults = JSON.stringify(values) === JSON.stringify(DEFAULT_METRIC_SETTINGS);
  const { errors: fieldErrors } = form.formState;
  const acrossFields = [fieldErrors.weights?.reliance, fieldErrors.thresholds?.lowOverrideRate]
    .filter((e) => e?.type === 'custom')
    .map((e) => e?.message ?? '')
    .map((text) => text.charAt(0).toUpperCase() + text.slice(1))
    .join(' ');
  return (
    <form
      noValidate
      aria-label="Weights and thresholds"
      onSubmit={form.handleSubmit((v) => {
        errors.clear();
        save.mutate(v);
      })}
    >
      <Stack gap="sm">
        <SettingsTables values={values} control={form.control} />
        <FormError message={[errors.formError, acrossFields].filter(Boolean).join(' ') || null} />
        <Group justify="space-between">
          <Group gap="xs">
            <Button
              variant="subtle"
              color="gray"
              disabled={atDefaults}
              onClick={() => form.reset(DEFAULT_METRIC_SETTINGS, { keepDefaultValues: true })}
            >
              Reset to defaults
            </Button>
            <SettingsHistory />
          </Group>
          <Group gap="xs">
            <Button variant="default" disabled={!form.formState.isDirty} onClick={() => form.reset(saved)}>
              Discard changes
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>
              Save weights and thresholds
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Weights and alert thresholds: change managers edit them, everyone else reads them. */
export function MetricSettingsSection({ saved, editable }: { saved: MetricSettings; editable: boolean }) {
  if (editable) return <Editor key={JSON.stringify(saved)} saved={saved} />;
  return (
    <Stack gap="sm" data-testid="metric-settings-readonly">
      <Alert variant="light" color="gray" icon={<IconLock size={16} />} p="xs">
        <Text size="sm">{READ_ONLY_NOTE}</Text>
      </Alert>
      <SettingsTables values={saved} />
      <Group>
        <SettingsHistory />
      </Group>
    </Stack>
  );
}
