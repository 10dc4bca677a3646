import type { ApiClient } from '../api/client';

/*
 * The report and import shapes, as the contract's operations return them (the renderer sees
 * only the contract, so they are derived from it rather than imported from db/).
 */
export type Report = Awaited<ReturnType<ApiClient['reports']['get']>>;
export type ReportRow = Report['rows'][number];
export type Components = ReportRow['components'];
export type SeriesPoint = ReportRow['series'][number];
export type Weights = Report['weights'];
export type ImportSummary = Awaited<ReturnType<ApiClient['imports']['upload']>>;
export type ImportKind = ImportSummary['kind'];
export type SourceRows = Awaited<ReturnType<ApiClient['reports']['rows']>>;
export type SourceKind = SourceRows['source'];
