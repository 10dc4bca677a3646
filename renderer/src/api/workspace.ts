import { useQuery } from '@tanstack/react-query';
import type { OperationName } from '../../../db/api/contract';
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
