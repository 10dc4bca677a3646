import { useEffect, useRef } from 'react';
import type { Verdict } from './reasons';

interface Shortcuts {
  onVerdict: (verdict: Verdict) => void;
  /** 1–7: the reason codes in the contract's order. */
  onReason: (n: number) => void;
  onMove: (by: number) => void;
  /** Ctrl+Z (⌘Z): take back the last verdict recorded or changed here. */
  onUndo: () => void;
  /** F: an override judged appropriate becomes feedback (the feedback form, prefilled). */
  onFeedback: () => void;
}

/** Typing in a field, choosing in a list or working in a dialog or menu is not a shortcut. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)) return true;
  return target.closest('[role="dialog"], [role="menu"], [role="listbox"], [role="combobox"]') !== null;
}

/**
 * The review queue's keys: A and N judge the current override, 1–7 pick its reason, F turns an
 * appropriate one into feedback, ↑/↓ (or K/J) move, Ctrl+Z undoes the last verdict. Listened for on the window so they work wherever focus is on the screen, except
 * in a text field.
 */
export function useReviewShortcuts(handlers: Shortcuts) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || typing(e.target)) return;
      const h = latest.current;
      if (e.ctrlKey || e.metaKey) {
        if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
          e.preventDefault();
          h.onUndo();
        }
        return;
      }
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === 'a' || key === 'n') h.onVerdict(key === 'a' ? 'appropriate' : 'inappropriate');
      else if (/^[1-7]$/.test(key)) h.onReason(Number(key));
      else if (key === 'f' && !e.shiftKey) h.onFeedback();
      else if (key === 'ArrowDown' || key === 'j') h.onMove(1);
      else if (key === 'ArrowUp' || key === 'k') h.onMove(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
