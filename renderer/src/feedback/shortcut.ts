import { useEffect, useRef } from 'react';

/** The one shortcut that opens the feedback form from anywhere: Ctrl+Shift+F (⌘⇧F on a Mac), F for feedback. */
export const FEEDBACK_SHORTCUT_LABEL = 'Ctrl+Shift+F';
/** What a button elsewhere (the queue, a champion's page) sends to open the same form. */
const OPEN_EVENT = 'uptake:log-feedback';

export const openFeedbackForm = () => window.dispatchEvent(new Event(OPEN_EVENT));

export const isFeedbackShortcut = (e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>): boolean =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f';

/** Calls `open` on the shortcut (even from inside a field: it is meant to interrupt) and on openFeedbackForm(). */
export function useFeedbackShortcut(open: () => void) {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isFeedbackShortcut(e)) return;
      e.preventDefault();
      latest.current();
    };
    const onEvent = () => latest.current();
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_EVENT, onEvent);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_EVENT, onEvent);
    };
  }, []);
}
