import type { Exchange } from './http-client';
import type { Findings } from './invariants';
import type { OrderLoad } from './order-load';
import type { FaultLog, Scenario } from './scenarios';

/** Requests a client may repeat without a second effect, for which a 5xx is a broken promise while any instance is left. */
const REPEATABLE = (route: string) => route.startsWith('GET ') || route === 'POST /v1/orders' || /^POST \/v1\/fulfilments\/\{id\}\//.test(route);

const p99 = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))];
};

/** The scenario's line of figures, and what in them breaks a promise (besides the invariants). */
export const figuresOf = (
  scenario: Scenario,
  load: OrderLoad,
  faults: FaultLog,
  exchanges: readonly Exchange[],
  findings: Findings,
  quiet: { ms: number; moving: string[] },
  stores: { actions: number; returns: number },
): { line: string; problems: string[] } => {
  const accepted = load.orders.filter((o) => o.accepted).length;
  const failed = exchanges.filter((e) => e.status === 0 || e.status >= 500);
  const repeatableFailed = failed.filter((e) => REPEATABLE(e.route));
  const duringFaults = exchanges.filter((e) => faults.covers(e.at)).map((e) => e.ms);
  const problems: string[] = [];
  if (!scenario.allows5xx && repeatableFailed.length > 0) {
    const routes = [...new Set(repeatableFailed.map((e) => `${e.route} ${e.status || 'no answer'}`))].slice(0, 5).join('; ');
    problems.push(`${repeatableFailed.length} requests safe to repeat failed although an instance of everything was left (${routes})`);
  }
  if (quiet.moving.length > 0) problems.push(`not quiet after ${Math.round(quiet.ms / 1000)} s: ${quiet.moving.slice(0, 5).join('; ')}`);
  const line = [
    `${scenario.name.padEnd(12)}`,
    `orders ${load.orders.length} (accepted ${accepted})`,
    `cancels asked ${load.orders.filter((o) => o.cancelAsked).length}`,
    `store actions ${stores.actions}`,
    `returns ${stores.returns}`,
    `faults ${faults.count}`,
    `lost ${findings.lost}`,
    `doubled ${findings.doubled}`,
    `stuck ${findings.stuck}`,
    `oversold ${findings.oversold}`,
    `fulfilments doubled ${findings.fulfilmentsDoubled}`,
    `applied twice ${findings.appliedTwice}`,
    `unbacked ${findings.unbacked}`,
    `backorders with stock ${findings.backordersWithStock}`,
    `requests ${exchanges.length}`,
    `5xx ${failed.length} (repeatable ${repeatableFailed.length})`,
    `p99 ${p99(exchanges.map((e) => e.ms))} ms`,
    `p99 during faults ${faults.count ? `${p99(duringFaults)} ms` : '-'}`,
    `quiet after ${(quiet.ms / 1000).toFixed(1)} s`,
  ].join(' | ');
  return { line, problems };
};
