/**
 * "Code reasoning" as the paper measures it: the lower-cased response contains "python" (the
 * same test as the contain_python_wo_backticks reward). A mention is not code, so a stricter
 * detector is reported beside it: a fenced block holding code, or at least two code-like lines.
 */
export function mentionsPython(response: string): boolean {
  return response.toLowerCase().includes('python');
}

const CODE_LINE = /^\s*(?:def \w+\(|class \w+|import \w|from [\w.]+ import |print\(|return\b|for \w+(?:, ?\w+)* in .+:\s*$|while .+:\s*$|if .+:\s*$|elif .+:\s*$|else:\s*$|[A-Za-z_][\w.[\]]*\s*(?:[+\-*/]?=)\s*[^=]|[A-Za-z_][\w.]*\([^)]*\)\s*$)/;

/** True for a line that reads as program code rather than math or prose. */
export function isCodeLike(line: string): boolean {
  if (/\\[a-zA-Z]|\$/.test(line)) return false; // LaTeX is math, not code
  if (line.trim().split(/\s+/).length > 14) return false; // long lines are prose
  return CODE_LINE.test(line);
}

export type StrictCodeEvidence = 'fenced' | 'lines' | null;

/** The stricter detector: a ``` fence with a code-like line inside, or two code-like lines outside fences. */
export function detectCode(response: string): StrictCodeEvidence {
  for (const m of response.matchAll(/```[\w+-]*\n([\s\S]*?)```/g)) {
    if (m[1]!.split('\n').some(isCodeLike)) return 'fenced';
  }
  const outside = response.replace(/```[\s\S]*?```/g, '');
  return outside.split('\n').filter(isCodeLike).length >= 2 ? 'lines' : null;
}

export interface CodeReasoningExample {
  index: number;
  id?: string;
  snippet: string;
}

export interface CodeReasoningReport {
  responses: number;
  /** The paper's metric: share of responses mentioning "python". */
  paper: { count: number; rate: number };
  /** The stricter detector: share of responses with actual code. */
  strict: { count: number; rate: number; fenced: number; lines: number };
  overlap: { both: number; paperOnly: number; strictOnly: number; neither: number };
  /** Accuracy with and without code reasoning (paper definition), when responses carry `correct`. */
  accuracy?: { withCode: number | null; withoutCode: number | null };
  examples: { both: CodeReasoningExample[]; paperOnly: CodeReasoningExample[]; strictOnly: CodeReasoningExample[] };
}

/** One response with an optional id and correctness, as read from a results file. */
export interface ResponseRecord {
  response: string;
  id?: string;
  correct?: boolean;
}

/** Measures both definitions over a set of responses, with a few examples of each disagreement. */
export function analyzeCodeReasoning(records: ResponseRecord[], options: { examples?: number } = {}): CodeReasoningReport {
  const maxExamples = options.examples ?? 3;
  const report: CodeReasoningReport = {
    responses: records.length,
    paper: { count: 0, rate: 0 },
    strict: { count: 0, rate: 0, fenced: 0, lines: 0 },
    overlap: { both: 0, paperOnly: 0, strictOnly: 0, neither: 0 },
    examples: { both: [], paperOnly: [], strictOnly: [] },
  };
  const correctness = { withCode: [0, 0], withoutCode: [0, 0] };
  let anyCorrectness = false;
  records.forEach((record, index) => {
    const paper = mentionsPython(record.response);
    const strict = detectCode(record.response);
    if (paper) report.paper.count++;
    if (strict) {
      report.strict.count++;
      report.strict[strict]++;
    }
    const bucket = paper && strict ? 'both' : paper ? 'paperOnly' : strict ? 'strictOnly' : 'neither';
    report.overlap[bucket]++;
    if (bucket !== 'neither' && report.examples[bucket].length < maxExamples) {
      report.examples[bucket].push({ index, ...(record.id !== undefined ? { id: record.id } : {}), snippet: snippetOf(record.response, paper) });
    }
    if (typeof record.correct === 'boolean') {
      anyCorrectness = true;
      const c = paper ? correctness.withCode : correctness.withoutCode;
      c[0]! += record.correct ? 1 : 0;
      c[1]!++;
    }
  });
  const n = Math.max(records.length, 1);
  report.paper.rate = report.paper.count / n;
  report.strict.rate = report.strict.count / n;
  if (anyCorrectness) {
    const rate = ([ok, total]: number[]) => (total ? ok! / total : null);
    report.accuracy = { withCode: rate(correctness.withCode), withoutCode: rate(correctness.withoutCode) };
  }
  return report;
}

function snippetOf(response: string, aroundPython: boolean): string {
  const at = aroundPython ? response.toLowerCase().indexOf('python') : Math.max(0, response.indexOf('```'));
  const start = Math.max(0, at - 80);
  return `${start > 0 ? '…' : ''}${response.slice(start, start + 200).replace(/\s+/g, ' ').trim()}${start + 200 < response.length ? '…' : ''}`;
}
