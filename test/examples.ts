import fs from 'node:fs';
import path from 'node:path';

/** A file in examples/ (the files docs/metrics.md describes, which users start from): its path, and its text. */
export const examplePath = (name: string) => path.resolve(import.meta.dirname, '..', 'examples', name);
export const exampleText = (name: string) => fs.readFileSync(examplePath(name), 'utf8');

/** Which column of examples/stakeholders-other-tool.csv holds each of Uptake's stakeholder columns. */
export const OTHER_TOOL_STAKEHOLDER_COLUMNS = {
  name: 'Full name',
  title: 'Job title',
  team: 'Department',
  email: 'E-mail',
  influence: 'Power',
  interest: 'Interest',
  support: 'Stance',
};
