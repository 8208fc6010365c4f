import { COST_EPSILON, precedes, searchCover, type CoverPlan } from './allocation-search';
import type { ScreenedCandidates } from './candidate-screening';
import { addInto, intersect, isEmpty, isWithin, overlaps, without, type LineMask } from './line-mask';
import type { CandidateReason, WeighedCandidate } from './routing.types';

/** What is said about each candidate, filled in as the routing proceeds. */
export interface Verdicts {
  readonly outcome: WeighedCandidate['outcome'][];
  readonly reasons: CandidateReason[][];
}

export interface PlannedAllocation {
  readonly candidate: number;
  readonly lines: LineMask;
}

export interface Placement {
  readonly allocations: readonly PlannedAllocation[];
  readonly exact: boolean;
}

/**
 * Places the wanted lines on the sources (feasible candidate indices): on one
 * location that has them all when the order may not split, otherwise on the
 * fewest locations, then the cheapest, then the lowest ids; lines no source has
 * stay out. Records why each source was or was not chosen.
 */
export function placeLines(
  screened: ScreenedCandidates,
  locationIds: readonly string[],
  sources: readonly number[],
  wanted: LineMask,
  allowSplit: boolean,
  verdicts: Verdicts,
): Placement {
  const { words, coverage } = screened;
  const coverOf = (i: number): LineMask => coverage.subarray(i * words, (i + 1) * words);
  let target = wanted;
  let plan: CoverPlan;
  if (allowSplit) {
    target = new Uint32Array(words);
    for (const i of sources) addInto(target, intersect(coverOf(i), wanted));
    plan = searchCover({ screened, locationIds, sources, target });
  } else {
    let single = -1;
    for (const i of sources) {
      if (isWithin(wanted, coverOf(i)) && (single < 0 || precedes(screened, locationIds, i, single))) single = i;
    }
    plan = { chosen: single < 0 || isEmpty(wanted) ? [] : [single], exact: true };
  }

  let unplaced = target;
  const allocations = plan.chosen.map((candidate) => {
    const lines = intersect(coverOf(candidate), unplaced);
    unplaced = without(unplaced, lines);
    return { candidate, lines };
  });

  // The lines only this chosen location brings: a loser must have them all to stand in for it.
  const onlyBy = plan.chosen.map((chosen) => {
    const others = new Uint32Array(words);
    for (const other of plan.chosen) if (other !== chosen) addInto(others, coverOf(other));
    return without(target, others);
  });
  const wonOnId = new Set<number>();
  for (const loser of sources) {
    if (plan.chosen.includes(loser)) continue;
    const cover = coverOf(loser);
    let rival = -1;
    for (let k = 0; k < plan.chosen.length && overlaps(cover, target); k++) {
      const chosen = plan.chosen[k];
      if (isWithin(onlyBy[k], cover) && (rival < 0 || precedes(screened, locationIds, rival, chosen))) rival = chosen;
    }
    verdicts.reasons[loser].push(rankAgainst(loser, rival));
  }
  for (const chosen of plan.chosen) {
    verdicts.outcome[chosen] = 'chosen';
    verdicts.reasons[chosen].push(...(plan.exact ? (['fewest-allocations', 'lowest-cost'] as const) : (['largest-coverage'] as const)));
    if (wonOnId.has(chosen)) verdicts.reasons[chosen].push('lowest-location-id');
  }
  return { allocations, exact: plan.exact };

  /** Against the weakest chosen location the loser could replace, if any. */
  function rankAgainst(loser: number, rival: number): CandidateReason {
    if (rival < 0) return 'more-allocations';
    if (precedes(screened, locationIds, loser, rival)) return 'greedy-choice';
    if (screened.cost[loser] - screened.cost[rival] > COST_EPSILON) return 'higher-cost';
    wonOnId.add(rival);
    return 'higher-location-id';
  }
}
