import { notifications } from '@mantine/notifications';
import { createTanstackQueryUtils } from '@orpc/tanstack-query';
import { type Mutation, MutationCache, QueryClient } from '@tanstack/react-query';
import { type Area, contract, type OperationMeta } from '../../../db/api/contract';
import { client } from './client';
import { errorMessage, isUserError } from './errors';

export const orpc = createTanstackQueryUtils(client);

const areas = Object.keys(contract) as Area[];
const isArea = (name: unknown): name is Area => typeof name === 'string' && (areas as string[]).includes(name);

/** The contract's metadata for an operation path such as ['teams', 'create']. */
export function operationMeta(path: readonly unknown[]): OperationMeta | null {
  const [area, verb] = path;
  if (!isArea(area) || typeof verb !== 'string') return null;
  const operations: Record<string, { '~orpc': { meta: OperationMeta } }> = contract[area];
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
  const meta = Array.isArray(path) ? operationMeta(path) : null;
  if (!meta) return;
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
