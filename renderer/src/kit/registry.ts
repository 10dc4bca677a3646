import type { Icon } from '@tabler/icons-react';
import { type ComponentType, lazy } from 'react';
import type { OperationName } from '../../../db/api/contract';
import type { Role } from '../../../db/api/types';

/** What a route hands its component: the path's parameters (wouter's `params`). */
export type RouteComponent = ComponentType<{ params: Record<string, string | undefined> }>;

/** One screen of the app: its route and its sidebar link come from this one entry. */
export interface Screen {
  path: `/${string}`;
  label: string;
  icon: Icon;
  /** 'main': the list of areas; 'bottom': pinned above the profile menu. */
  section: 'main' | 'bottom';
  component: RouteComponent;
  /** Further routes the screen answers that have no link of their own (one team's report). */
  routes?: readonly { path: `/${string}`; component: RouteComponent }[];
  /** Who may open it, by the operations the acting member is allowed; everyone when absent. */
  visibleTo?: (allowed: readonly string[]) => boolean;
  /** The roles whose main screen this is: switching to such a profile lands here. */
  homeOf?: readonly Role[];
}

/** A screen only for those allowed `operation` (it makes no sense without it). */
export const allowedTo =
  (operation: OperationName) =>
  (allowed: readonly string[]): boolean =>
    allowed.includes(operation);

export function visibleScreens(screens: readonly Screen[], allowed: readonly string[]): Screen[] {
  return screens.filter((s) => s.visibleTo?.(allowed) ?? true);
}

/** Every path the screens answer, each with its component, in registry order. */
export function routesOf(screens: readonly Screen[]): { path: string; component: RouteComponent }[] {
  return screens.flatMap((s) => [{ path: s.path, component: s.component }, ...(s.routes ?? [])]);
}

/** A sidebar link stays lit on the screen's own sub-routes (a team's report under Report). */
export function isActive(location: string, path: string): boolean {
  return location === path || location.startsWith(`${path}/`);
}

/**
 * A screen whose code loads when it is first opened: the app's first script then holds the shell
 * and the report only (the screen the app opens on), and each other screen comes as its own chunk.
 */
export function lazyScreen<M>(load: () => Promise<M>, pick: (module: M) => RouteComponent): RouteComponent {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

/** Where a role lands after a profile switch: its main screen if it may open it, else the first. */
export function homeScreen(screens: readonly Screen[], role: Role): Screen | undefined {
  return screens.find((s) => s.homeOf?.includes(role)) ?? screens[0];
}
