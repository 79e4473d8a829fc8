/**
 * s1's answer extraction for AIME/MATH (lm-evaluation-harness fork): the answer section, then the
 * last brace-matched \boxed{...}, else the last "Answer:" line.
 */

/** The text after the last answer marker; without one, after the last section start minus its first line. */
export function answerSection(text: string, answerMarker = '<|im_start|>answer\n', sectionStart = '<|im_start|>'): string {
  const at = text.lastIndexOf(answerMarker);
  if (at >= 0) return text.slice(at + answerMarker.length);
  const section = text.lastIndexOf(sectionStart);
  if (section >= 0) {
    const rest = text.slice(section + sectionStart.length);
    const newline = rest.indexOf('\n');
    return newline >= 0 ? rest.slice(newline + 1) : '';
  }
  return text;
}

/** Content of the last `\boxed{...}` (or `\fbox{...}`) with balanced braces, or null. */
export function lastBoxed(text: string): string | null {
  const at = Math.max(text.lastIndexOf('\\boxed'), text.lastIndexOf('\\fbox'));
  if (at < 0) return null;
  const open = text.indexOf('{', at);
  if (open < 0) {
    // "\boxed 5" form: the token after the space.
    const m = /^\\boxed\s+([^\s$]+)/.exec(text.slice(at));
    return m ? m[1]! : null;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return null;
}

const ANSWER_LABEL = /Answer\s*:/gi;

/**
 * The final answer of a response's answer section: the last \boxed{}, else what follows the last
 * `Answer:` label (its first non-empty line; simple-evals' DOTALL match would swallow the rest of
 * the text), else null.
 * @example extractFinalAnswer('Final Answer: \\boxed{23}') // '23'
 */
export function extractFinalAnswer(answerText: string): string | null {
  const boxed = lastBoxed(answerText);
  if (boxed !== null) return boxed.trim();
  let end = -1;
  for (const m of answerText.matchAll(ANSWER_LABEL)) end = m.index + m[0].length;
  if (end < 0) return null;
  const line = answerText.slice(end).split('\n').find((l) => l.trim() !== '') ?? '';
  const cleaned = line.trim().replace(/\.$/, '').replace(/^\$+|\$+$/g, '').replace(/\.$/, '').trim();
  return cleaned === '' ? null : cleaned;
}
