import { keepPreviousData } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ReportInput } from '../../../db/api/contract';
import { orpc } from '../api/query';

export type ReportFilters = z.input<typeof ReportInput> & object;

/** The report's data for a choice of filters; the report screen and the opening prefetch share it. */
export const reportQuery = (input: ReportFilters) => orpc.reports.get.queryOptions({ input, placeholderData: keepPreviousData });

/** What the report shows when it opens: the whole workspace, every initiative, the whole period. */
export const OPENING_REPORT: ReportFilters = { initiative: null, team: null, from: null, to: null };
