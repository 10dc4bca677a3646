import { AppShell, Box, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import type { WorkspaceInfo } from '../../../db/api/types';
import { homeScreen, isActive, type Screen } from '../kit/registry';
import { ProfileMenu } from './ProfileMenu';

function SidebarLink({ path, label, icon: LinkIcon }: { path: string; label: string; icon: Icon }) {
  const [location] = useLocation();
  const active = isActive(location, path);
  return (
    <NavLink
      href={`#${path}`}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      leftSection={<LinkIcon size={16} stroke={1.7} />}
      className="sidebar-link"
      py={6}
      variant="light"
    />
  );
}

/**
 * After a profile switch, go to the new role's main screen. Here rather than in the menu: the
 * screens the new role may open arrive with the new profile, so its route exists by then.
 */
function useLandOnSwitch(info: WorkspaceInfo, screens: readonly Screen[]) {
  const [, navigate] = useLocation();
  const acting = useRef(info.me?.id ?? null);
  useEffect(() => {
    const before = acting.current;
    acting.current = info.me?.id ?? null;
    if (!info.me || before === info.me.id) return;
    const home = homeScreen(screens, info.me.role);
    if (home) navigate(home.path);
  }, [info.me, screens, navigate]);
}

/**
 * The app's frame: the sidebar (workspace, areas, settings, who is acting) and the current screen.
 * `screens` are those the acting member may open; each gives its own link.
 */
export function Shell({ info, screens, children }: { info: WorkspaceInfo; screens: readonly Screen[]; children: ReactNode }) {
  useLandOnSwitch(info, screens);
  const links = (section: Screen['section']) =>
    screens.filter((s) => s.section === section).map((s) => <SidebarLink key={s.path} path={s.path} label={s.label} icon={s.icon} />);
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
          <Stack gap={2}>{links('main')}</Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={6}>
            {links('bottom')}
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
