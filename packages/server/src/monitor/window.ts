// The time window a monitoring question covers, and the prediction-log rows answered in it (oldest first).
import { ShopfloorError, type LoggedPrediction, type MonitorWindowQuery } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import type { Repositories } from '../store/index.js';

export const DEFAULT_WINDOW_DAYS = 7;
/** The most predictions one report reads (the newest of the window); a bound on memory and time, stated in the report. */
export const MAX_WINDOW_PREDICTIONS = 50_000;
const PAGE = 5000;

export interface MonitorWindow {
  /** ISO 8601 UTC, inclusive. */
  from: string;
  /** ISO 8601 UTC, exclusive. */
  to: string;
}

/** `to` defaults to now, `from` to DEFAULT_WINDOW_DAYS before `to`; MONITOR_WINDOW_INVALID when from is not before to. */
export function resolveWindow(clock: Clock, query: MonitorWindowQuery): MonitorWindow {
  const to = query.to === undefined ? clock.now() : new Date(query.to);
  const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000) : new Date(query.from);
  if (!(from.getTime() < to.getTime())) {
    throw new ShopfloorError('MONITOR_WINDOW_INVALID', `the window from ${from.toISOString()} to ${to.toISOString()} is empty: \`from\` must be before \`to\``, {
      field: 'from',
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The window's predictions, oldest first (at most `limit`, the newest ones). */
export async function windowPredictions(repos: Pick<Repositories, 'predictions'>, useCaseId: string, window: MonitorWindow, limit = MAX_WINDOW_PREDICTIONS): Promise<LoggedPrediction[]> {
  const out: LoggedPrediction[] = [];
  let before: { at: string; id: string } | undefined;
  while (out.length < limit) {
    const page = await repos.predictions.list({ useCaseId, from: window.from, to: window.to, limit: Math.min(PAGE, limit - out.length), ...(before === undefined ? {} : { before }) });
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) break;
    before = { at: last.at, id: last.id };
  }
  return out.reverse();
}
