import { complexEqual, evaluatePairs } from './numeric.js';
import { parseMath } from './parser.js';
import { fixFracs } from './qwenExtract.js';
import { latexToPlain } from './latexToPlain.js';

/**
 * The PRM800K `grade_answer` rules (the check the Spurious Rewards paper's rewards use):
 * equal Hendrycks-normalized strings, or equal after its own normalization, or element-wise
 * (tuples/intervals with matching delimiters) equal where fractions must match exactly, an
 * integer only matches an integer, and the rest must simplify to a zero difference. The sympy
 * step is replaced by exact numeric evaluation at sample points, under the same guards (at most
 * two unknown letters, no "^{" or "^(").
 */
export function gradePrm800k(given: string | null | undefined, groundTruth: string): { equal: boolean; given: string; truth: string } {
  if (given === null || given === undefined) return { equal: false, given: '', truth: normalize(groundTruth) };
  if (mathdNormalize(groundTruth) === mathdNormalize(given)) return { equal: true, given: normalize(given), truth: normalize(groundTruth) };
  const truth = normalize(groundTruth);
  const pred = normalize(given);
  const result = (equal: boolean) => ({ equal, given: pred, truth });
  if (truth === pred) return result(true);
  if (pred.length === 0) return result(false);
  const truthElems = splitTuple(truth);
  const predElems = splitTuple(pred);
  if (truthElems.length > 1 && (truth[0] !== pred[0] || truth[truth.length - 1] !== pred[pred.length - 1])) return result(false);
  if (truthElems.length !== predElems.length) return result(false);
  return result(
    truthElems.every((t, i) => {
      const p = predElems[i]!;
      if (isFrac(t) && isFrac(p)) return t === p; // unreduced fractions are not accepted
      if (strIsInt(t) !== strIsInt(p)) return false;
      return equalUnderEvaluation(t, p);
    }),
  );
}

/** Hendrycks MATH `normalize_answer` (the "mathd" string normalization). */
export function mathdNormalize(answer: string): string {
  let s = answer.trim();
  const text = /^\\text\{(.+?)\}$/.exec(s);
  if (text) s = text[1]!.trim();
  s = s.replace(/\n/g, '').replace(/\\!/g, '').replace(/\\\\/g, '\\').replace(/tfrac|dfrac/g, 'frac');
  s = s.replace(/\\left|\\right/g, '').replace(/\^\{\\circ\}|\^\\circ/g, '').replace(/\\\$/g, '');
  if (s.includes('\\text{ ')) s = s.split('\\text{ ')[0]!;
  s = s.replace(/\\%/g, '').replace(/ \./g, ' 0.').replace(/\{\./g, '{0.');
  if (s.length === 0) return s;
  if (s[0] === '.') s = `0${s}`;
  const sides = s.split('=');
  if (sides.length === 2 && sides[0]!.length <= 2) s = sides[1]!;
  s = s.replace(/\\sqrt([^{])/g, '\\sqrt{$1}').replace(/ /g, '');
  s = fixFracs(s);
  if (s === '0.5') s = '\\frac{1}{2}';
  const slash = /^(-?\d+)\/(\d+)$/.exec(s);
  if (slash && s === `${Number(slash[1])}/${Number(slash[2])}`) s = `\\frac{${slash[1]}}{${slash[2]}}`;
  return s;
}

const UNITS = ['degree', 'cm', 'centimeter', 'meter', 'mile', 'second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'foot', 'feet', 'inch', 'yard'];
const UNIT_PATTERNS = UNITS.map((unit) => new RegExp(`${unit}(es)?(s)? *(\\^[0-9]+)?`, 'g'));

/** PRM800K `_normalize`. */
export function normalize(answer: string): string {
  let s = answer;
  const text = /^\\text\{(.+?)\}$/.exec(s);
  if (text) s = text[1]!;
  s = s.replace(/\\%/g, '%').replace(/\\\$/g, '$').replace(/\$/g, '').replace(/%/g, '');
  s = s.replace(/ or /g, ' , ').replace(/ and /g, ' , ');
  s = s.replace(/million/g, '*10^6').replace(/billion/g, '*10^9').replace(/trillion/g, '*10^12');
  for (const pattern of UNIT_PATTERNS) s = s.replace(pattern, '');
  s = s.replace(/\^ *\\circ/g, '');
  if (s.length > 0 && s[0] === '{' && s[s.length - 1] === '}') s = s.slice(1, -1);
  s = s.replace(/,\\! */g, '');
  if (isFloat(s) && isIntValue(Number(s))) s = String(Math.round(Number(s)));
  if (s.includes('\\')) s = latexToPlain(s);
  s = s.replace(/- */g, '-');
  s = s.replace(/([0-9]) +([0-9])/g, '$1+$2'); // mixed numbers: "7 3/4" -> "7+3/4"
  s = s.replace(/ /g, '').replace(/[{}]/g, '').toLowerCase();
  if (strIsInt(s)) s = String(Math.trunc(Number(stripCommas(s).replace(/,/g, ''))));
  return s;
}

function isFloat(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s));
}

function isIntValue(x: number): boolean {
  return Math.abs(x - Math.round(x)) <= 1e-7;
}

function isFrac(s: string): boolean {
  return /^-?[0-9]+.?\/0*[1-9][0-9]*.?$/.test(s);
}

function strIsInt(s: string): boolean {
  const stripped = stripCommas(s);
  return isFloat(stripped) && isIntValue(Number(stripped));
}

/** Removes well-formed thousands commas only (tuple commas stay). */
function stripCommas(s: string): string {
  let prev = s;
  for (;;) {
    const next = prev.replace(/(\d)(,)(\d\d\d)($|\D)/, '$1$3$4');
    if (next === prev) return next;
    prev = next;
  }
}

function splitTuple(s: string): string[] {
  const expr = stripCommas(s);
  if (expr.length === 0) return [];
  const chars = '()[]';
  if (expr.length > 2 && chars.includes(expr[0]!) && chars.includes(expr[expr.length - 1]!) && ![...expr.slice(1, -1)].some((c) => chars.includes(c))) {
    return expr.slice(1, -1).split(',').map((e) => e.trim());
  }
  return [expr];
}

/** The guarded "simplify(truth - given) == 0" step, done by exact evaluation. */
function equalUnderEvaluation(truth: string, given: string): boolean {
  const expr = `(${truth})-(${given})`;
  const letters = new Set(expr.replace(/sqrt|frac/g, '').match(/[a-zA-Z]/g) ?? []);
  if (letters.size > 2 || expr.includes('^{') || expr.includes('^(') || /\^[0-9]+\^/.test(expr) || /\^[0-9][0-9]+/.test(expr)) return false;
  try {
    const a = parseMath(truth);
    const b = parseMath(given);
    const pairs = evaluatePairs(a, b);
    if (!pairs || pairs.length === 0) return false;
    return pairs.every(([x, y]) => x.kind === 'scalar' && y.kind === 'scalar' && complexEqual(x.v, y.v, 1e-12, 0));
  } catch {
    return false;
  }
}
