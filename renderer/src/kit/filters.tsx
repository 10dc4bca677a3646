import { Input, SegmentedControl, Select } from '@mantine/core';
import type { Initiative, Team } from '../../../db/api/types';
import { teamOptions } from '../teams/hierarchy';
import { liveOptions } from './fields';

/** A list screen's team filter: searchable, by path, empty for every team. */
export function TeamFilter({
  teams,
  value,
  onChange,
  w = 240,
}: {
  teams: readonly Team[] | undefined;
  value: string | null;
  onChange: (team: string | null) => void;
  w?: number;
}) {
  return (
    <Select label="Team" placeholder="All teams" clearable searchable w={w} data={teamOptions(teams)} value={value} onChange={onChange} />
  );
}

/** A screen's initiative filter: the initiatives not deleted, searchable, empty for every initiative. */
export function InitiativeFilter({
  initiatives,
  value,
  onChange,
  w = 240,
}: {
  initiatives: readonly Initiative[] | undefined;
  value: string | null;
  onChange: (initiative: string | null) => void;
  w?: number;
}) {
  return (
    <Select
      label="Initiative"
      placeholder="All initiatives"
      clearable
      searchable
      w={w}
      data={liveOptions(initiatives)}
      value={value}
      onChange={onChange}
    />
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
  data,
}: {
  /** The wrapper's id; the control is labelled by `${id}-label`. */
  id: string;
  label: string;
  value: V;
  onChange: (value: V) => void;
  data: readonly { value: V; label: string }[];
}) {
  return (
    <Input.Wrapper label={label} labelElement="div" id={id} styles={{ label: { display: 'block' } }}>
      <SegmentedControl
        aria-labelledby={`${id}-label`}
        // As tall as a select beside it (36px).
        styles={{ label: { paddingBlock: 4.25 } }}
        value={value}
        onChange={(v) => onChange(v as V)}
        data={[...data]}
      />
    </Input.Wrapper>
  );
}
