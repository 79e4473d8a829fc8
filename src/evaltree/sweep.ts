import { badInput } from '../core/errors.js';
import type { NodeStat } from './nodeStats.js';
import { DEFAULT_MIN_CHILD_SIZE, extractNodes, type Direction } from './profile.js';
import type { CapabilityTree } from './tree.js';

export interface SweepOptions {
  alpha?: number;
  direction?: Direction;
  minChildSize?: number;
  /** Step of τ (default 1e-4, as released). */
  step?: number;
}

/** One profile of the sweep and the range of τ that gives it. */
export interface SweepProfile {
  /** τ values where this profile was first and last seen (tauFirst is nearer the start). */
  tauFirst: number;
  tauLast: number;
  size: number;
  nodes: number[];
  capabilities: string[];
  /** Instances under the profile's nodes, and the pooled rate over them. */
  instances: number;
  rate: number;
}

export interface SweepResult {
  alpha: number;
  direction: Direction;
  step: number;
  /** The starting τ: just past the root's and its large children's bounds. */
  start: number;
  /** Profiles in the order met (τ moving from the start until the profile is empty). */
  profiles: SweepProfile[];
}

/**
 * Sweeps τ in steps (down for weaknesses, up for strengths) from just past the root and its large
 * children until the profile is empty, as the released varying-threshold script; consecutive
 * equal profiles are merged into one entry with their τ range.
 */
export function sweepThreshold(tree: CapabilityTree, stats: readonly NodeStat[], options: SweepOptions = {}): SweepResult {
  const alpha = options.alpha ?? 0.05;
  const direction = options.direction ?? 'lower';
  const minChildSize = options.minChildSize ?? DEFAULT_MIN_CHILD_SIZE;
  const step = options.step ?? 1e-4;
  if (!(step > 0)) throw badInput(`step must be positive, got ${step}`, { field: 'step' });
  const key = String(alpha);
  const bound = (id: number): number => {
    const interval = stats[id]!.intervals?.[key];
    if (!interval) throw badInput(`node ${id} has no interval at alpha ${alpha}; the root and its children of >= ${minChildSize} instances need one`, { field: 'alpha' }, 'bad_alpha');
    return direction === 'lower' ? interval[1] : interval[0];
  };
  const root = tree.nodes[0]!;
  let start = bound(0);
  for (const c of root.children) {
    if (stats[c]!.size >= minChildSize) start = direction === 'lower' ? Math.max(start, bound(c)) : Math.min(start, bound(c));
  }
  // Same float arithmetic as the released script (+= / -= a fixed delta), so the τ grid matches.
  let tau = direction === 'lower' ? start + step : start - step;
  start = tau;
  const profiles: SweepProfile[] = [];
  const maxSteps = Math.ceil(1 / step) + 2;
  for (let i = 0; i <= maxSteps; i++) {
    const nodes = extractNodes(tree, stats, { alpha, tau, direction, minChildSize });
    if (nodes.length === 0) break;
    const last = profiles[profiles.length - 1];
    if (last && sameNodes(last.nodes, nodes)) last.tauLast = tau;
    else profiles.push(describeProfile(tree, stats, nodes, tau));
    tau = direction === 'lower' ? tau - step : tau + step;
  }
  return { alpha, direction, step, start, profiles };
}

function sameNodes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describeProfile(tree: CapabilityTree, stats: readonly NodeStat[], nodes: number[], tau: number): SweepProfile {
  let successes = 0;
  let trials = 0;
  let instances = 0;
  for (const id of nodes) {
    successes += stats[id]!.successes;
    trials += stats[id]!.trials;
    instances += stats[id]!.size;
  }
  return { tauFirst: tau, tauLast: tau, size: nodes.length, nodes, capabilities: nodes.map((id) => tree.nodes[id]!.description), instances, rate: trials ? successes / trials : Number.NaN };
}

/** Compares strings by code point, as Python's `sorted` does (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * Every distinct profile (as a sorted list of descriptions), ordered as the released
 * `[index=i]` files: by the descriptions joined with the released separator.
 */
export function distinctProfiles(sweep: SweepResult): string[][] {
  const SEPARATOR = '[###***###]';
  const joined = new Set(sweep.profiles.map((p) => [...p.capabilities].sort(compareCodePoints).join(SEPARATOR)));
  return [...joined].sort(compareCodePoints).map((s) => s.split(SEPARATOR));
}

/** One profile per size 1..maxSize: the last one met at that size, as the released `[size=k]` files. */
export function profilesBySize(sweep: SweepResult, maxSize = 20): Record<number, string[]> {
  const bySize: Record<number, string[]> = {};
  for (const p of sweep.profiles) if (p.size <= maxSize) bySize[p.size] = p.capabilities;
  return bySize;
}
