import { lazy, Suspense, useState } from 'react';
import { useCan } from '../api/workspace';
import { type FeedbackPrefill, useFeedbackShortcut } from './shortcut';

const FeedbackFormDialog = lazy(() => import('./FeedbackForm').then((m) => ({ default: m.FeedbackFormDialog })));

/** Mounted once in the app: the feedback shortcut works on every screen for those who may log feedback. */
export function FeedbackLauncher() {
  const canLog = useCan('feedback.create');
  const [request, setRequest] = useState<{ n: number; prefill: FeedbackPrefill | null }>({ n: 0, prefill: null });
  useFeedbackShortcut((prefill) => {
    if (canLog) setRequest((r) => ({ n: r.n + 1, prefill: prefill ?? null }));
  });
  if (request.n === 0) return null;
  return (
    <Suspense fallback={null}>
      <FeedbackFormDialog request={request.n} prefill={request.prefill} />
    </Suspense>
  );
}
