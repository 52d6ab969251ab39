/** Community analytics for facilitators: figures (./figures.ts), the daily snapshot, the view and CSV. */
export { analyticsOf, communityAnalyticsFor, currentAnalytics, refreshDueAnalytics } from './snapshot';
export { analyticsCsv } from './csv';
export type { AnalyticsView, Cell } from './view';
