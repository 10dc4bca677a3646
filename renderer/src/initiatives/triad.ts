import { TRIAD_LABELS, type TriadRole } from '../../../db/api/types';

const inSentence = (label: string) => (label.startsWith('AI ') ? label : label.charAt(0).toLowerCase() + label.slice(1));

/** "no technical lead", "no business sponsor or AI product owner" */
export function describeMissing(missing: readonly TriadRole[]): string {
  const names = missing.map((r) => inSentence(TRIAD_LABELS[r]));
  if (names.length === 0) return '';
  if (names.length === 1) return `no ${names[0]}`;
  return `no ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
