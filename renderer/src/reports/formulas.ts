/*
 * The formulas and display rounding live in a pure module shared with the HTML/PDF export
 * (db/reports/shared), so the app's drawer and the exported report say the same thing.
 */
export { type Explanation, explain, FIGURE_LABELS, type FigureKey, pct, points, rowName } from '../../../db/reports/shared/formulas';
