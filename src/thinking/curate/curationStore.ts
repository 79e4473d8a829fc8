import { existsSync } from 'node:fs';
import path from 'node:path';
import { appendLine, writeFileAtomic } from '../../core/atomic.js';
import { readAllRecords } from '../../core/data/index.js';
import type { CurationReport } from './curate.js';
import type { PoolItem } from './pool.js';
import type { Selected } from './select.js';

export const SOLVER_CACHE = 'solver_responses.jsonl';
export const DOMAIN_CACHE = 'domain_labels.jsonl';

/**
 * Model outputs of an earlier (possibly interrupted) curation in `dir`, merged into the pool so a
 * rerun asks no model twice. Returns hooks that append new outputs as they arrive.
 */
export async function attachCurationCache(dir: string, items: PoolItem[]): Promise<{
  onSolverResponse: (id: string, solver: string, response: string) => Promise<void>;
  onDomainLabel: (id: string, domain: string, reply: string) => Promise<void>;
}> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const solverFile = path.join(dir, SOLVER_CACHE);
  const domainFile = path.join(dir, DOMAIN_CACHE);
  if (existsSync(solverFile)) {
    for (const { value } of await readAllRecords(solverFile, { skipBad: true })) {
      const item = byId.get(String(value.id));
      if (item && typeof value.solver === 'string' && typeof value.response === 'string') item.solverResponses[value.solver] ??= value.response;
    }
  }
  if (existsSync(domainFile)) {
    for (const { value } of await readAllRecords(domainFile, { skipBad: true })) {
      const item = byId.get(String(value.id));
      if (item && typeof value.domain === 'string') item.domain ??= value.domain;
    }
  }
  return {
    onSolverResponse: (id, solver, response) => appendLine(solverFile, JSON.stringify({ id, solver, response })),
    onDomainLabel: (id, domain, reply) => appendLine(domainFile, JSON.stringify({ id, domain, reply })),
  };
}

/** Writes the selected rows (as read, plus domain, trace length and why each was chosen) and the report. */
export async function writeCurationOutput(dir: string, selected: readonly Selected[], report: CurationReport): Promise<void> {
  const lines = selected.map((s) => JSON.stringify({ ...s.item.raw, domain: s.item.domain, trace_tokens: s.item.traceTokens, selection: s.reason }));
  await writeFileAtomic(path.join(dir, 'selected.jsonl'), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await writeFileAtomic(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}
