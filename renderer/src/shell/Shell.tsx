import { AppShell, Box, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconBulb,
  IconChartDots,
  IconChecklist,
  IconFileSpreadsheet,
  IconHierarchy2,
  IconSettings,
  IconUpload,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { WorkspaceInfo } from '../../../db/api/types';
import { ProfileMenu } from './ProfileMenu';

const AREAS = [
  { path: '/report', label: 'Report', icon: IconChartDots },
  { path: '/teams', label: 'Teams', icon: IconHierarchy2 },
  { path: '/initiatives', label: 'Initiatives', icon: IconBulb },
  { path: '/members', label: 'Members', icon: IconUsers },
  { path: '/shadow', label: 'Shadow processes', icon: IconFileSpreadsheet },
  { path: '/reviews', label: 'Override review', icon: IconChecklist, operation: 'reviews.queue' },
  { path: '/imports', label: 'Imports', icon: IconUpload, operation: 'imports.upload' },
] as const;

function SidebarLink({ path, label, icon: Icon }: { path: string; label: string; icon: typeof IconUsers }) {
  const [location] = useLocation();
  const active = location === path || location.startsWith(`${path}/`);
  return (
    <NavLink
      href={`#${path}`}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      leftSection={<Icon size={16} stroke={1.7} />}
      className="sidebar-link"
      py={6}
      variant="light"
    />
  );
}

/** The app's frame: the sidebar (workspace, areas, settings, who is acting) and the current screen. */
export function Shell({ info, children }: { info: WorkspaceInfo; children: ReactNode }) {
  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar p="sm" bg="var(--uptake-sidebar-bg)" aria-label="Main">
        <AppShell.Section>
          <Group gap={10} px={6} py={6} mb="sm" wrap="nowrap">
            <ThemeIcon size={26} radius="sm" variant="filled" aria-hidden>
              <Text fw={700} size="sm" c="white">
                U
              </Text>
            </ThemeIcon>
            <Box miw={0}>
              <Text fw={600} size="sm" truncate="end" data-testid="workspace-name">
                {info.workspace?.name}
              </Text>
              <Text size="xs" c="dimmed">
                Uptake
              </Text>
            </Box>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {AREAS.map((area) =>
              'operation' in area && !info.allowed.includes(area.operation) ? null : (
                <SidebarLink key={area.path} path={area.path} label={area.label} icon={area.icon} />
              ),
            )}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={6}>
            <SidebarLink path="/settings" label="Settings" icon={IconSettings} />
            <Box pt={6} style={{ borderTop: '1px solid var(--uptake-border)' }}>
              <ProfileMenu info={info} />
            </Box>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
