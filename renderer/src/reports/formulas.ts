/*
 * The formulas and display rounding live in pure modules shared with the HTML/PDF export
 * (db/reports/shared), so the app's drawer and the exported report say the same thing.
 */
export * as fmt from '../../../db/reports/shared/format';
export {
  basisOf,
  COUNT_LABELS,
  customWeights,
  type Explanation,
  explain,
  FIGURE_LABELS,
  type FigureKey,
  figureText,
  rowName,
  thinMonthsText,
} from '../../../db/reports/shared/formulas';
