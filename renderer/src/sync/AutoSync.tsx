import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { client } from '../api/client';
import { orpc } from '../api/query';
import { mayRetry } from './backoff';

/** After a local change, wait this long for more before publishing (a burst of edits makes one file). */
export const AFTER_CHANGE_MS = 5_000;
/** How often a sync runs anyway (it also publishes what a failed run left waiting). */
export const INTERVAL_MS = 60_000;
/**
 * How often the folder is looked at for other devices' new files (the status lists them; reading
 * a directory is cheap). Polling, not a file watcher: watchers miss changes on network drives and
 * in folders a cloud client fills, which are the folders sync is used with.
 */
export const LOOK_MS = 10_000;

/**
 * Automatic sync, in the renderer: it sees the four triggers (a local change is a mutation that
 * succeeded, new files from other devices, the timer, the window regaining focus) and owns the query cache that must refetch
 * after changes come in; the host would need a push channel to tell the page. Runs only while a
 * folder is chosen; a failing folder is noted by the engine (sync.status shows it) and retried
 * with backoff, and a failed sync changes nothing local.
 */
export function AutoSync() {
  const queryClient = useQueryClient();
  const status = useQuery(
    // Only a device that syncs looks at the folder.
    orpc.sync.status.queryOptions({ refetchInterval: (q) => (q.state.data?.folder ? LOOK_MS : false) }),
  );
  const folder = status.data?.folder ?? null;
  const incoming = status.data?.pendingIncoming ?? 0;
  const running = useRef(false);
  const lastError = useRef(status.data?.lastError);
  lastError.current = status.data?.lastError;
  const runRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    if (!folder) return;
    const run = async () => {
      // A mass delete waits for the person's decision (Settings → Sync), not for a retry.
      if (running.current || lastError.current?.massDelete || !mayRetry(lastError.current, Date.now())) return;
      running.current = true;
      try {
        const summary = await client.sync.run({});
        // Incoming changes may touch any screen; otherwise only the status moved.
        if (summary.imported.changes > 0) await queryClient.invalidateQueries();
        else await queryClient.invalidateQueries({ queryKey: orpc.sync.key() });
      } catch {
        // The engine noted the failure; the status view shows it.
        await queryClient.invalidateQueries({ queryKey: orpc.sync.key() });
      } finally {
        running.current = false;
      }
    };
    runRef.current = run;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const key = event.mutation.options.mutationKey?.[0];
      if (Array.isArray(key) && key[0] === 'sync') return;
      // The status counts what waits to go out: it changed with this change.
      void queryClient.invalidateQueries({ queryKey: orpc.sync.key() });
      clearTimeout(debounce);
      debounce = setTimeout(() => void run(), AFTER_CHANGE_MS);
    });
    const interval = setInterval(() => void run(), INTERVAL_MS);
    const onFocus = () => void run();
    window.addEventListener('focus', onFocus);
    return () => {
      unsubscribe();
      clearTimeout(debounce);
      clearInterval(interval);
      window.removeEventListener('focus', onFocus);
    };
  }, [folder, queryClient]);

  useEffect(() => {
    if (folder && incoming > 0) void runRef.current();
  }, [folder, incoming]);

  return null;
}
