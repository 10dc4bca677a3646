import { notifications } from '@mantine/notifications';
import { createTanstackQueryUtils } from '@orpc/tanstack-query';
import { type Mutation, MutationCache, QueryClient } from '@tanstack/react-query';
import type { Area, OperationMeta } from '../../../db/api/contract';
import { client } from './client';
import { errorMessage, isUserError } from './errors';

export const orpc = createTanstackQueryUtils(client);

/**
 * The contract (with zod and every operation's schema) is loaded when it is first needed, after a
 * first change is saved or a form opens, so that it is not part of the script the report waits for.
 */
const loadContract = () => import('../../../db/api/contract').then((m) => m.contract);

/** The contract's metadata for an operation path such as ['teams', 'create']. */
export async function operationMeta(path: readonly unknown[]): Promise<OperationMeta | null> {
  const contract = await loadContract();
  const [area, verb] = path;
  if (typeof area !== 'string' || !Object.hasOwn(contract, area) || typeof verb !== 'string') return null;
  const operations: Record<string, { '~orpc': { meta: OperationMeta } }> = contract[area as Area];
  return Object.hasOwn(operations, verb) ? (operations[verb]?.['~orpc'].meta ?? null) : null;
}

/** What a mutation may set in `meta` to change how its outcome is reported. */
export interface UptakeMutationMeta extends Record<string, unknown> {
  /** The caller shows the error itself (a form's inline alert), so no notification. */
  inlineErrors?: boolean;
}

/**
 * After any mutation succeeds, refetch the areas its contract entry lists in `invalidates`
 * ('*' means everything). Written once here, so no screen has to remember it.
 */
async function invalidateAfter(queryClient: QueryClient, mutation: Mutation<unknown, unknown, unknown, unknown>) {
  const path = mutation.options.mutationKey?.[0];
  const meta = Array.isArray(path) ? await operationMeta(path) : null;
  if (!meta) return;
  const contract = await loadContract();
  const isArea = (name: string): name is Area => Object.hasOwn(contract, name);
  if (meta.invalidates.includes('*')) {
    await queryClient.invalidateQueries();
    return;
  }
  await Promise.all(meta.invalidates.filter(isArea).map((area) => queryClient.invalidateQueries({ queryKey: orpc[area].key() })));
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // The engine is local: a failure is either the user's input or a host that is gone.
        retry: (count, error) => !isUserError(error) && count < 1,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => invalidateAfter(queryClient, mutation),
      onError: (error, _variables, _context, mutation) => {
        const meta: UptakeMutationMeta | undefined = mutation.options.meta;
        if (meta?.inlineErrors) return;
        notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error), autoClose: 8000 });
      },
    }),
  });
  return queryClient;
}
