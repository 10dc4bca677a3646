import { useSyncExternalStore } from 'react';
import { canonicalLocale, countOf, date, dateTime, decimal, FALLBACK_LOCALE, percent } from '../../../db/reports/shared/format';

/*
 * The reader's locale for every number and date on screen and in exports: a per-device choice kept
 * in localStorage (read synchronously at start, in the web host and Electron alike), or the
 * system's (navigator.language) when none is chosen. Formatting itself is
 * db/reports/shared/format.ts; this only says which locale.
 */

const KEY = 'uptake.locale';
const listeners = new Set<() => void>();

/** The system's own locale, as the browser reports it. */
export function systemLocale(): string {
  const nav = typeof navigator === 'undefined' ? undefined : navigator.language;
  return (nav && canonicalLocale(nav)) || FALLBACK_LOCALE;
}

/** The locale chosen in Settings on this device, or null for the system's. */
export function chosenLocale(): string | null {
  try {
    const stored = localStorage.getItem(KEY);
    return stored ? canonicalLocale(stored) : null;
  } catch {
    return null;
  }
}

/** Chooses a locale for this device (null: follow the system). */
export function chooseLocale(tag: string | null): void {
  try {
    if (tag === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, canonicalLocale(tag) ?? FALLBACK_LOCALE);
  } catch {
    // Storage refused (private mode): the choice lasts until the page is reloaded.
  }
  for (const l of listeners) l();
}

const current = () => chosenLocale() ?? systemLocale();

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The locale to format with; re-renders when it is changed in Settings (or in another window). */
export function useLocale(): string {
  return useSyncExternalStore(subscribe, current, current);
}

/** The locale right now, for code outside React (module-level formatters read it at each call). */
export const currentLocale = current;

/**
 * Drop-in replacements for module-level `Intl` formatters, through db/reports/shared/format.ts in
 * the current locale: `number.format(1234)` → "1,234" or "1.234".
 */
export const localeNumber = { format: (n: number) => decimal(n, current(), 3) };
export const localePercent = { format: (x: number) => percent(x, current()) };
export const localeDate = { format: (d: Date) => date(d, current(), 'UTC') };
export const localeDateTime = { format: (d: Date) => dateTime(d, current()) };
/** A count with its noun in the current locale: "1 change", "1.234 changes". */
export const localeCount = (n: number, singular: string, pluralForm?: string) => countOf(n, current(), singular, pluralForm);
