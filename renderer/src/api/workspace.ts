import { useQuery } from '@tanstack/react-query';
import type { Area, OperationName } from '../../../db/api/contract';
import { orpc } from './query';

/** The workspace, the acting member and what they may do; every screen reads it. */
export function useWorkspace() {
  return useQuery(orpc.workspace.get.queryOptions());
}

/** Whether the acting member may run an operation (the server enforces it anyway). */
export function useCan(operation: OperationName): boolean {
  const { data } = useWorkspace();
  return data?.allowed.includes(operation) ?? false;
}

/** Whether the acting member may create, update, delete and restore an area's records: a list screen's rights in one look-up. */
export function useRecordRights(area: Area): Record<'create' | 'update' | 'delete' | 'restore', boolean> {
  const allowed: readonly string[] = useWorkspace().data?.allowed ?? [];
  const may = (verb: string) => allowed.includes(`${area}.${verb}`);
  return { create: may('create'), update: may('update'), delete: may('delete'), restore: may('restore') };
}
