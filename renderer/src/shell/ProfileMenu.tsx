import { Avatar, Box, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconSelector } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { ROLE_LABELS, type WorkspaceInfo } from '../../../db/api/types';
import { orpc } from '../api/query';

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return `${parts[0]?.[0] ?? ''}${parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''}`.toUpperCase();
}

/** Who is acting, and a switch among the members who have a profile on this device. */
export function ProfileMenu({ info }: { info: WorkspaceInfo }) {
  const switchProfile = useMutation(
    orpc.profiles.switch.mutationOptions({
      onSuccess: (result) => {
        if (result.me) notifications.show({ message: `You are now acting as ${result.me.name} (${ROLE_LABELS[result.me.role]}).` });
      },
    }),
  );
  const me = info.me;
  return (
    <Menu position="top-start" width={280}>
      <Menu.Target>
        {/*
         * Named by its content, so the name starts with the text on screen, which is what
         * voice-control users say (WCAG 2.5.3); the initials are decoration, and the action is
         * said but not shown.
         */}
        <UnstyledButton className="profile-button">
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="indigo" variant="light" aria-hidden>
              {me ? initials(me.name) : '?'}
            </Avatar>
            <Box miw={0} style={{ flex: 1 }}>
              <Text size="sm" fw={500} truncate="end" data-testid="acting-member">
                {me?.name ?? 'No profile selected'}
              </Text>
              <Text size="xs" c="dimmed" data-testid="acting-role">
                {me ? ROLE_LABELS[me.role] : 'Choose who you are'}
              </Text>
              {me && <VisuallyHidden>, switch profile</VisuallyHidden>}
            </Box>
            <IconSelector size={14} color="var(--mantine-color-dimmed)" aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Act as</Menu.Label>
        {info.profiles.map((p) => (
          <Menu.Item
            key={p.id}
            onClick={() => p.id !== me?.id && switchProfile.mutate({ memberId: p.id })}
            leftSection={
              <Avatar size={22} radius="xl" color="indigo" variant="light" aria-hidden>
                {initials(p.name)}
              </Avatar>
            }
            rightSection={p.id === me?.id ? <IconCheck size={14} aria-label="current" /> : <Box w={14} />}
          >
            <Group justify="space-between" gap="md" wrap="nowrap">
              <Text size="sm">{p.name}</Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABELS[p.role]}
              </Text>
            </Group>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
