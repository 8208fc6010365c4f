import type { ScreenedCandidates } from './candidate-screening';
import { popcount32, type LineMask } from './line-mask';

/** Costs are sums of rounded floats: closer than this they are equal and the location id decides. */
export const COST_EPSILON = 1e-9;

/**
 * Fewest allocations is a minimum set cover, exponential in general. The exact
 * search is used up to this many lines, and only while it stays within its work
 * budget (counted in mask tests, so the outcome is deterministic, not
 * clock-dependent); beyond either, a greedy cover (largest new coverage, then
 * cost, then id) is sound but may use more allocations than necessary.
 */
const EXACT_MAX_LINES = 20;
const EXACT_WORK_BUDGET = 200_000;

export interface CoverProblem {
  readonly screened: ScreenedCandidates;
  readonly locationIds: readonly string[];
  /** Feasible candidate indices that may take lines. */
  readonly sources: readonly number[];
  /** Lines to place; each is covered by at least one source. */
  readonly target: LineMask;
}

export interface CoverPlan {
  /** Candidate indices; each line goes to the first of them that covers it. */
  readonly chosen: readonly number[];
  readonly exact: boolean;
}

/** Lower cost first, then lower location id. */
export function precedes(screened: ScreenedCandidates, ids: readonly string[], a: number, b: number): boolean {
  const difference = screened.cost[a] - screened.cost[b];
  if (difference < -COST_EPSILON) return true;
  if (difference > COST_EPSILON) return false;
  return ids[a] < ids[b];
}

export function searchCover(problem: CoverProblem): CoverPlan {
  let lines = 0;
  for (let w = 0; w < problem.target.length; w++) lines += popcount32(problem.target[w]);
  if (lines === 0) return { chosen: [], exact: true };
  if (problem.screened.words === 1 && lines <= EXACT_MAX_LINES) {
    const chosen = exactCover(problem);
    if (chosen) return { chosen, exact: true };
  }
  return { chosen: greedyCover(problem), exact: false };
}

/**
 * Iterative deepening on the number of allocations, branch and bound on cost.
 * Locations with the same coverage collapse to the best of them, and a location
 * whose coverage a better one contains can never be in the best plan, so the
 * options shrink to at most 2^lines however many locations there are.
 */
function exactCover({ screened, locationIds, sources, target }: CoverProblem): number[] | undefined {
  const wanted = target[0] | 0;
  const bestByCoverage = new Map<number, number>();
  for (const i of sources) {
    const covers = screened.coverage[i] & wanted;
    if (covers === 0) continue;
    const incumbent = bestByCoverage.get(covers);
    if (incumbent === undefined || precedes(screened, locationIds, i, incumbent)) bestByCoverage.set(covers, i);
  }
  const ranked = [...bestByCoverage.values()].sort((a, b) => (precedes(screened, locationIds, a, b) ? -1 : 1));
  const option: number[] = [];
  const masks: number[] = [];
  let maxLines = 0;
  for (const i of ranked) {
    const covers = screened.coverage[i] & wanted;
    let dominated = false;
    for (let k = 0; k < masks.length && !dominated; k++) dominated = (masks[k] & covers) === covers;
    if (dominated) continue;
    option.push(i);
    masks.push(covers);
    maxLines = Math.max(maxLines, popcount32(covers));
  }
  const n = option.length;
  const mask = Int32Array.from(masks);
  const cost = Float64Array.from(option, (i) => screened.cost[i]);
  const minCost = cost[0];
  // Options covering each line, best first: the search branches on the line with the fewest.
  const byLine: number[][] = Array.from({ length: 32 }, () => []);
  for (let o = 0; o < n; o++) for (let j = 0; j < 32; j++) if ((mask[o] >>> j) & 1) byLine[j].push(o);

  let work = 0;
  let bestCost = Infinity;
  let best: number[] | undefined;
  const picks: number[] = [];

  const isBetterTie = (): boolean => {
    const mine = picks.map((o) => locationIds[option[o]]).sort();
    const theirs = best!.map((o) => locationIds[option[o]]).sort();
    for (let k = 0; k < mine.length; k++) if (mine[k] !== theirs[k]) return mine[k] < theirs[k];
    return false;
  };
  const search = (uncovered: number, remaining: number, costSoFar: number): void => {
    if (popcount32(uncovered) > remaining * maxLines) return;
    if (remaining === 1) {
      // Options are ranked, so the first that completes the cover is this branch's best.
      for (let o = 0; o < n && costSoFar + cost[o] <= bestCost + COST_EPSILON; o++) {
        work++;
        if ((mask[o] & uncovered) !== uncovered) continue;
        picks.push(o);
        const total = costSoFar + cost[o];
        if (total < bestCost - COST_EPSILON || !best || isBetterTie()) [bestCost, best] = [total, [...picks]];
        picks.pop();
        return;
      }
      return;
    }
    let pivot = -1;
    for (let j = 0; j < 32; j++) {
      if ((uncovered >>> j) & 1 && (pivot < 0 || byLine[j].length < byLine[pivot].length)) pivot = j;
    }
    for (const o of byLine[pivot]) {
      if (costSoFar + cost[o] + (remaining - 1) * minCost > bestCost + COST_EPSILON) return;
      if (++work > EXACT_WORK_BUDGET) return;
      picks.push(o);
      search(uncovered & ~mask[o], remaining - 1, costSoFar + cost[o]);
      picks.pop();
    }
  };

  for (let allocations = 1; allocations <= popcount32(wanted); allocations++) {
    search(wanted, allocations, 0);
    if (work > EXACT_WORK_BUDGET) return undefined;
    if (best) return best.map((o) => option[o]).sort((a, b) => (precedes(screened, locationIds, a, b) ? -1 : 1));
  }
  return undefined;
}

function greedyCover({ screened, locationIds, sources, target }: CoverProblem): number[] {
  const { words, coverage } = screened;
  const covered = new Uint32Array(words);
  const chosen: number[] = [];
  for (;;) {
    let bestSource = -1;
    let bestGain = 0;
    for (const i of sources) {
      let gain = 0;
      for (let w = 0; w < words; w++) gain += popcount32(coverage[i * words + w] & target[w] & ~covered[w]);
      if (gain > bestGain || (gain === bestGain && gain > 0 && precedes(screened, locationIds, i, bestSource))) {
        bestSource = i;
        bestGain = gain;
      }
    }
    if (bestGain === 0) return chosen;
    chosen.push(bestSource);
    for (let w = 0; w < words; w++) covered[w] |= coverage[bestSource * words + w];
  }
}
