import { lazy, Suspense, useState } from 'react';
import { useCan } from '../api/workspace';
import { useFeedbackShortcut } from './shortcut';

const FeedbackFormDialog = lazy(() => import('./FeedbackForm').then((m) => ({ default: m.FeedbackFormDialog })));

/** Mounted once in the app: the feedback shortcut works on every screen for those who may log feedback. */
export function FeedbackLauncher() {
  const canLog = useCan('feedback.create');
  const [request, setRequest] = useState(0);
  useFeedbackShortcut(() => {
    if (canLog) setRequest((n) => n + 1);
  });
  if (request === 0) return null;
  return (
    <Suspense fallback={null}>
      <FeedbackFormDialog request={request} />
    </Suspense>
  );
}
