/** Teams: the shape every layer shares (pure; the renderer sees it). */
export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  region: string | null;
  businessUnit: string | null;
  headcount: number | null;
  deleted: boolean;
  /** 0 for a top-level team. */
  depth: number;
  /** Names from the top-level team down to this one. */
  path: string[];
  subTeamCount: number;
}
