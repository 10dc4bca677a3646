import { useEffect, useRef } from 'react';

/** The one shortcut that opens the feedback form from anywhere: Ctrl+Shift+F (⌘⇧F on a Mac), F for feedback. */
export const FEEDBACK_SHORTCUT_LABEL = 'Ctrl+Shift+F';
/** What a button elsewhere (the queue, a champion's page) sends to open the same form. */
const OPEN_EVENT = 'uptake:log-feedback';

/** What the form starts with when it is opened from a record (an override judged appropriate). */
export interface FeedbackPrefill {
  initiativeId: string;
  teamId: string;
  caseRef: string;
  aiSaid: string;
  whatWasRight: string;
  /** Where it comes from, said above the form ("From override REC-4859 of October 2026"). */
  source: string;
}

export const openFeedbackForm = (prefill?: FeedbackPrefill) =>
  window.dispatchEvent(prefill ? new CustomEvent<FeedbackPrefill>(OPEN_EVENT, { detail: prefill }) : new Event(OPEN_EVENT));

export const isFeedbackShortcut = (e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>): boolean =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f';

/** Calls `open` on the shortcut (even from inside a field: it is meant to interrupt) and on openFeedbackForm(). */
export function useFeedbackShortcut(open: (prefill?: FeedbackPrefill) => void) {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isFeedbackShortcut(e)) return;
      e.preventDefault();
      latest.current();
    };
    const onEvent = (e: Event) => latest.current(e instanceof CustomEvent ? (e.detail as FeedbackPrefill) : undefined);
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_EVENT, onEvent);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_EVENT, onEvent);
    };
  }, []);
}
