import { renderBarCharts } from '../../core/plot/barChart.js';
import type { MathProblem } from './mathData.js';

/** One graded sample line of a results file. */
export interface SampleLine {
  id: string;
  sample: number;
  correct: boolean;
}

export interface GroupAccuracy {
  name: string;
  problems: number;
  /** Mean over problems of the mean correctness of their samples (avg@k; pass@1 for one sample). */
  accuracy: number | null;
  /** Share of problems with at least one correct sample. */
  passAtK: number | null;
}

export interface MathScores {
  problems: number;
  /** Problems with at least one scored sample. */
  scoredProblems: number;
  scoredSamples: number;
  overall: GroupAccuracy;
  bySubject: GroupAccuracy[];
  byLevel: GroupAccuracy[];
}

/** avg@k and pass@k overall, per subject and per level, from the scored samples (first k per problem). */
export function summarizeMath(problems: MathProblem[], lines: SampleLine[], k: number): MathScores {
  const perProblem = new Map<string, boolean[]>();
  for (const line of lines) {
    if (line.sample >= k) continue;
    const list = perProblem.get(line.id) ?? [];
    list.push(line.correct);
    perProblem.set(line.id, list);
  }
  const group = (name: string, members: MathProblem[]): GroupAccuracy => {
    const scored = members.map((p) => perProblem.get(p.id)).filter((s): s is boolean[] => s !== undefined && s.length > 0);
    if (scored.length === 0) return { name, problems: members.length, accuracy: null, passAtK: null };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      name,
      problems: members.length,
      accuracy: mean(scored.map((s) => s.filter(Boolean).length / s.length)),
      passAtK: mean(scored.map((s) => (s.some(Boolean) ? 1 : 0))),
    };
  };
  const by = (key: (p: MathProblem) => string): GroupAccuracy[] => {
    const groups = new Map<string, MathProblem[]>();
    for (const p of problems) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
    return [...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([name, members]) => group(name, members));
  };
  return {
    problems: problems.length,
    scoredProblems: problems.filter((p) => (perProblem.get(p.id)?.length ?? 0) > 0).length,
    scoredSamples: [...perProblem.values()].reduce((n, s) => n + s.length, 0),
    overall: group('all', problems),
    bySubject: by((p) => p.subject),
    byLevel: by((p) => p.level),
  };
}

/** Accuracy by subject and by level as one SVG. */
export function renderMathPlot(scores: MathScores, title: string): string {
  const bars = (groups: GroupAccuracy[]) => groups.map((g) => ({ label: g.name, value: g.accuracy ?? NaN, note: `(n=${g.problems})` }));
  return renderBarCharts([
    { title: `${title}: overall`, bars: bars([scores.overall]), max: 1 },
    { title: 'Accuracy by subject', bars: bars(scores.bySubject), max: 1 },
    { title: 'Accuracy by level', bars: bars(scores.byLevel), max: 1 },
  ]);
}
