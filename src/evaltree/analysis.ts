import { badInput } from '../core/errors.js';
import { loadEvalInputs, loadResults, loadSplit, loadTree, type EvalSources, type JsonSource } from './load.js';
import { checkAlphas, computeNodeStats, DEFAULT_ALPHAS, toConfidenceTree, type ConfidenceTreeJson } from './nodeStats.js';
import { DEFAULT_MIN_CHILD_SIZE, extractProfile, type Direction, type ProfileEntry } from './profile.js';
import { distinctProfiles, profilesBySize, sweepThreshold, type SweepProfile } from './sweep.js';
import { buildExplorerView, type ExplorerView } from './view.js';

/**
 * The operations behind `lmscope evaltree ...` and `/api/evaltree/...`: each takes file paths or
 * inline JSON, checks its parameters, and returns the object both print / answer.
 */

export interface ProfileParams {
  alpha?: number;
  tau?: number;
  direction?: Direction;
  minChildSize?: number;
}

function checkParams(params: ProfileParams): Required<ProfileParams> {
  const alpha = params.alpha ?? 0.05;
  const tau = params.tau ?? 0.4;
  const direction = params.direction ?? 'lower';
  const minChildSize = params.minChildSize ?? DEFAULT_MIN_CHILD_SIZE;
  checkAlphas([alpha]);
  if (typeof tau !== 'number' || !Number.isFinite(tau)) throw badInput(`tau must be a number, got ${JSON.stringify(tau)}`, { field: 'tau' });
  if (direction !== 'lower' && direction !== 'higher') throw badInput(`direction must be "lower" or "higher", got ${JSON.stringify(direction)}`, { field: 'direction' });
  if (!Number.isInteger(minChildSize) || minChildSize < 1) throw badInput(`minChildSize must be a positive integer, got ${JSON.stringify(minChildSize)}`, { field: 'minChildSize' });
  return { alpha, tau, direction, minChildSize };
}

export interface StatsRequest extends EvalSources {
  alphas?: number[];
}

/** Per-node size, successes and Clopper-Pearson intervals, in the released confidence-interval shape. */
export async function runStats(request: StatsRequest): Promise<ConfidenceTreeJson> {
  const alphas = request.alphas ?? DEFAULT_ALPHAS;
  checkAlphas(alphas);
  const { tree, results } = await loadEvalInputs(request);
  return toConfidenceTree(tree, computeNodeStats(tree, results, { alphas }));
}

export interface ProfileRequest extends EvalSources, ProfileParams {}

/** The weakness profile at τ, in the released `[with-instances]` shape: `[{capability, instances}]`. */
export async function runProfile(request: ProfileRequest): Promise<ProfileEntry[]> {
  const params = checkParams(request);
  const { tree, results } = await loadEvalInputs(request);
  return extractProfile(tree, computeNodeStats(tree, results, { alphas: [params.alpha] }), params);
}

export interface SweepRequest extends EvalSources, Omit<ProfileParams, 'tau'> {
  step?: number;
  /** Largest size kept in `bySize` (default 20). */
  maxSize?: number;
}

export interface SweepReport {
  alpha: number;
  direction: Direction;
  step: number;
  start: number;
  /** Each profile met while sweeping, with its τ range, size, instance count and pooled rate. */
  profiles: Omit<SweepProfile, 'nodes'>[];
  /** One profile per size 1..maxSize (the last met), as the released `[size=k]` files. */
  bySize: Record<number, string[]>;
  /** Distinct profiles in the released `[index=i]` order. */
  distinct: string[][];
}

/** Sweeps τ for profile-size curves. */
export async function runSweep(request: SweepRequest): Promise<SweepReport> {
  const params = checkParams({ ...request, tau: 0 });
  const step = request.step ?? 1e-4;
  if (typeof step !== 'number' || !(step >= 1e-6 && step <= 0.5)) throw badInput(`step must be in [1e-6, 0.5], got ${JSON.stringify(step)}`, { field: 'step' });
  const maxSize = request.maxSize ?? 20;
  if (!Number.isInteger(maxSize) || maxSize < 1) throw badInput(`maxSize must be a positive integer, got ${JSON.stringify(maxSize)}`, { field: 'maxSize' });
  const { tree, results } = await loadEvalInputs(request);
  const sweep = sweepThreshold(tree, computeNodeStats(tree, results, { alphas: [params.alpha] }), { ...params, step });
  return {
    alpha: sweep.alpha,
    direction: sweep.direction,
    step: sweep.step,
    start: sweep.start,
    profiles: sweep.profiles.map(({ nodes: _nodes, ...rest }) => rest),
    bySize: profilesBySize(sweep, maxSize),
    distinct: distinctProfiles(sweep),
  };
}

export interface ViewRequest extends ProfileParams {
  tree: JsonSource;
  split?: JsonSource;
  /** Model name -> results (path or inline list). */
  results: Record<string, JsonSource>;
}

/** The explorer's data for one tree and one or more models. */
export async function runView(request: ViewRequest): Promise<ExplorerView> {
  const params = checkParams(request);
  if (typeof request.results !== 'object' || request.results === null || Array.isArray(request.results) || Object.keys(request.results).length === 0) {
    throw badInput('"results" must map model names to results (file paths or lists)', { field: 'results' });
  }
  const tree = await loadTree(request.tree);
  const split = request.split === undefined || request.split === null ? undefined : await loadSplit(request.split);
  const models = await Promise.all(Object.entries(request.results).map(async ([name, source]) => ({ name, results: await loadResults(source, `results.${name}`) })));
  return buildExplorerView(tree, models, split, params);
}
