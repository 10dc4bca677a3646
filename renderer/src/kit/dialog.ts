import { useState } from 'react';

/** Open/closed state of a dialog and what it is about; the value outlives the closing animation. */
export interface Dialog<T> {
  opened: boolean;
  value: T | null;
  /** Changes on every open, so the form inside starts afresh. */
  key: number;
  open: (value: T) => void;
  close: () => void;
}

export function useDialog<T>(): Dialog<T> {
  const [state, setState] = useState<{ opened: boolean; value: T | null; key: number }>({ opened: false, value: null, key: 0 });
  return {
    ...state,
    open: (value: T) => setState((s) => ({ opened: true, value, key: s.key + 1 })),
    close: () => setState((s) => ({ ...s, opened: false })),
  };
}
