import { Group, Select, type SelectProps } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Initiative, Team } from '../../../db/api/types';
import { teamOptions } from '../teams/hierarchy';
import { liveOptions, SegmentedChoice } from './fields';

/** What a filter of one record holds: the record's id, or null for all of them. */
interface RecordFilterProps {
  value: string | null;
  onChange: (id: string | null) => void;
  w?: number;
}

/** A list screen's team filter: searchable, by path, empty for every team. */
export function TeamFilter({ teams, ...filter }: RecordFilterProps & { teams: readonly Team[] | undefined }) {
  return <RecordFilter label="Team" placeholder="All teams" data={teamOptions(teams)} {...filter} />;
}

/** A screen's initiative filter: the initiatives not deleted, searchable, empty for every initiative. */
export function InitiativeFilter({ initiatives, ...filter }: RecordFilterProps & { initiatives: readonly Initiative[] | undefined }) {
  return <RecordFilter label="Initiative" placeholder="All initiatives" data={liveOptions(initiatives)} {...filter} />;
}

/** A searchable select of records that can be cleared, to show them all. */
function RecordFilter({ w = 240, ...select }: RecordFilterProps & { label: string; placeholder: string; data: SelectProps['data'] }) {
  return <Select clearable searchable w={w} {...select} />;
}

/**
 * From this many values a choice filter can be typed in to narrow its list: a custom field's many
 * choices are read faster by typing than by scrolling. Shorter lists stay plain selects.
 */
export const SEARCHABLE_FROM = 8;

/**
 * A filter's label kept to one line, so the filter row stays even: a long name (a custom field's,
 * chosen by the workspace) is cut with an ellipsis at the filter's width and read in full in its
 * title; the filter's accessible name is still the whole label. `clip`, not `hidden`: a label that
 * hid its overflow would sit on its bottom edge instead of its text's baseline, a few pixels lower
 * than the labels beside it, while a short label this way stays exactly where it was. (The box's
 * own text, "Any preferred channel for rollout communications", ends with an ellipsis as every
 * select's does: the theme.)
 */
const ONE_LINE_LABEL = {
  label: { maxWidth: '100%', overflow: 'clip', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
} as const;

/** A filter of one value from a list (a kind, a support level), empty for any: "Any kind"; a long list is searchable. */
export function ChoiceFilter<V extends string>({
  label,
  onChange,
  ...select
}: {
  label: string;
  w: number;
  /** The values, or the values with their labels. */
  data: readonly NoInfer<V>[] | readonly { value: NoInfer<V>; label: string }[];
  value: V | null;
  onChange: (value: V | null) => void;
}) {
  return (
    <Select
      label={label}
      labelProps={{ title: label }}
      styles={ONE_LINE_LABEL}
      placeholder={`Any ${label.toLowerCase()}`}
      clearable
      searchable={select.data.length >= SEARCHABLE_FROM}
      {...select}
      onChange={(v) => onChange(v as V | null)}
    />
  );
}

/** The row of a list screen's filters under its header, lined up on their inputs. */
export function FilterBar({ testId, pb = 'sm', children }: { testId: string; pb?: 'sm' | 'md'; children: ReactNode }) {
  return (
    <Group px="lg" pb={pb} gap="sm" align="flex-end" data-testid={testId}>
      {children}
    </Group>
  );
}

/**
 * A filter of a few choices shown side by side (status, view), labelled like the selects beside
 * it and as tall as they are.
 */
export function SegmentedFilter<V extends string>({
  id,
  label,
  value,
  onChange,
  choices,
}: {
  /** The wrapper's id; the control is labelled by `${id}-label`. */
  id: string;
  label: string;
  value: V;
  onChange: (value: V) => void;
  /** Each choice's label by its value, in the order shown. */
  choices: Readonly<Record<V, string>>;
}) {
  return (
    <SegmentedChoice
      id={id}
      label={label}
      // As tall as a select beside it (36px).
      styles={{ label: { paddingBlock: 4.25 } }}
      value={value}
      onChange={(v) => onChange(v as V)}
      data={Object.entries<string>(choices).map(([v, l]) => ({ value: v, label: l }))}
    />
  );
}
