import { Box, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import type { z } from 'zod';
import type { PersonInput } from '../../../db/api/contract';
import { type Member, ROLE_LABELS, TRIAD_LABELS, type TriadRole } from '../../../db/api/types';

type Person = z.input<typeof PersonInput>;
type Mode = 'member' | 'external' | 'none';

const modeOf = (value: Person | undefined): Mode => (!value ? 'none' : 'memberId' in value ? 'member' : 'external');

interface TriadFieldProps {
  role: TriadRole;
  value: Person | undefined;
  onChange: (value: Person) => void;
  members: readonly Member[];
  /** Set when validation failed for this role. */
  invalid: boolean;
}

/** One triad role: a member of the workspace, a named external person (not a member), or nobody yet. */
export function TriadField({ role, value, onChange, members, invalid }: TriadFieldProps) {
  const mode = modeOf(value);
  const label = TRIAD_LABELS[role];
  const setMode = (next: string) => {
    if (next === mode) return;
    if (next === 'member') onChange({ memberId: '' });
    else if (next === 'external') onChange({ name: '' });
    else onChange(null);
  };
  return (
    <Box className="triad-row" data-testid={`triad-${role}`}>
      <Text size="sm" fw={500} component="div">
        {label}
      </Text>
      <SegmentedControl
        size="xs"
        aria-label={`${label}: who fills this role`}
        value={mode}
        onChange={setMode}
        data={[
          { value: 'member', label: 'Member' },
          { value: 'external', label: 'External' },
          { value: 'none', label: 'Nobody' },
        ]}
      />
      <Box miw={0}>
        {value && 'memberId' in value ? (
          <Select
            aria-label={`${label}: member`}
            placeholder="Choose a member"
            searchable
            data={members.map((m) => ({ value: m.id, label: `${m.name} · ${ROLE_LABELS[m.role]}` }))}
            value={value.memberId || null}
            onChange={(id) => onChange({ memberId: id ?? '' })}
            error={invalid ? 'Choose a member, or pick Nobody' : undefined}
            nothingFoundMessage="No member matches"
          />
        ) : value && 'name' in value ? (
          <TextInput
            aria-label={`${label}: name`}
            placeholder="Full name"
            value={value.name}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
            error={invalid ? 'Type their name, or pick Nobody' : undefined}
          />
        ) : (
          <Group h={32} gap={6}>
            <Text size="sm" c="dimmed">
              Nobody yet: the initiative will be flagged
            </Text>
          </Group>
        )}
      </Box>
    </Box>
  );
}
