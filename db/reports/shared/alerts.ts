/*
 * What each alert is called and what it means, in one place: the app's report and the HTML/PDF
 * export say the same words (docs/metrics.md, "Alerts"). Pure, shared with the renderer.
 */

/** What an alert means and where to look; docs/metrics.md's reading of it. */
export const ALERT_EXPLANATIONS: Record<string, string> = {
  ADOPTION_GAP:
    'Licences are used and workflows completed, but people do not rely on the AI’s output, do not trust it or keep a manual process alongside it: the formal figures overstate real adoption.',
  HIGH_OVERRIDE:
    'People override most of the AI’s recommendations. Reviews of the overrides tell the two stories apart: mostly appropriate means the model is wrong for this team (look at the failure patterns); mostly inappropriate means a trust and training problem (look at the stakeholder map and the champions).',
  HABITUAL_OVERRIDERS:
    'Some people override nearly every recommendation, whatever it says. Their user ids are stored only as keyed hashes, so nobody is named; champions can offer the team help.',
  SHADOW_PROCESSES:
    'A share of people keep a spreadsheet, a manual double-check or another parallel process as a hedge. Each one costs time and shows the AI is not trusted yet.',
  AUTOMATION_BIAS_RISK:
    'Almost nobody overrides the AI although there is feedback that it was confidently wrong: people may be accepting its output without checking it.',
  TRIAD_INCOMPLETE:
    'An AI initiative needs a business sponsor, an AI product owner and a technical lead; a missing role is a common reason adoption stalls.',
  LOW_CHAMPION_COVERAGE: 'Too few champions for the team’s active users: people have nobody close by to ask.',
};
export const ALERT_TITLES: Record<string, string> = {
  ADOPTION_GAP: 'Adoption gap',
  HIGH_OVERRIDE: 'High override rate',
  HABITUAL_OVERRIDERS: 'Habitual overriders',
  SHADOW_PROCESSES: 'Shadow processes',
  AUTOMATION_BIAS_RISK: 'Automation-bias risk',
  TRIAD_INCOMPLETE: 'Incomplete accountability triad',
  LOW_CHAMPION_COVERAGE: 'Low champion coverage',
};
/** Most severe first: what misleads a sponsor most, then what costs people time. */
export const ALERT_ORDER = [
  'ADOPTION_GAP',
  'HIGH_OVERRIDE',
  'HABITUAL_OVERRIDERS',
  'SHADOW_PROCESSES',
  'AUTOMATION_BIAS_RISK',
  'LOW_CHAMPION_COVERAGE',
  'TRIAD_INCOMPLETE',
];

/** An alert's place in the severity order (unknown codes last). */
export function alertRank(code: string): number {
  const i = ALERT_ORDER.indexOf(code);
  return i < 0 ? ALERT_ORDER.length : i;
}

/** An alert's plain title, or its code when it has none. */
export const alertTitle = (code: string): string => ALERT_TITLES[code] ?? code;
