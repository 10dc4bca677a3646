import { badInput } from '../../errors';
import { exportReport } from '../../reports/export';
import { PUBLISH_FOLDER_KEY, publishReport } from '../../reports/publish';
import { computeReport } from '../../signals/metrics';
import { overrideReasons, sourceRows } from '../../signals/sources';
import { getLocal, setLocal } from '../../write';
import type { AreaHandlers } from '../handlers';

/*
 * The report of a slice, its drill-down rows and its exports: JSON, CSV and a self-contained
 * HTML file, and publishing the HTML and JSON into a shared folder for sponsors who do not run
 * the app. The folder is this device's choice, kept in local_state (never synced), so it is
 * asked for once.
 */
export const reportsHandlers = {
  get: (ctx, input) => computeReport(ctx.engine, input),
  rows: (ctx, input) => sourceRows(ctx.engine, input),
  overrideReasons: (ctx, input) => overrideReasons(ctx.engine, input),
  export: (ctx, { format, locale, ...slice }) => exportReport(computeReport(ctx.engine, slice), format, locale),
  publish: (ctx, { folder, locale, ...slice }) => {
    const target = folder ?? getLocal(ctx.engine, PUBLISH_FOLDER_KEY);
    if (!target) {
      throw badInput(
        'folder: no shared folder chosen yet on this device. Give the folder to publish into (in the CLI: uptake report --publish DIR); it is remembered for next time.',
      );
    }
    const result = publishReport(computeReport(ctx.engine, slice), target, locale);
    // Remembered only once the files are there, so a mistyped folder is not kept.
    setLocal(ctx.engine, PUBLISH_FOLDER_KEY, result.folder);
    return result;
  },
  publishTarget: (ctx) => ({ folder: getLocal(ctx.engine, PUBLISH_FOLDER_KEY) }),
} satisfies AreaHandlers<'reports'>;
