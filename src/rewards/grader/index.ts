export { parseAnswer } from './answer.js';
export type { MathNode, ParsedAnswer } from './ast.js';
export { DEFAULT_EXTRACT_OPTIONS, extractAnswer, type Extraction, type ExtractionMethod, type ExtractOptions } from './extract.js';
export { GRADER_MODES, gradeAnswer, type GradedSide, type GradeOptions, type GraderMode, type GradeResult } from './grade.js';
export { DEFAULT_TOLERANCE, type Tolerance } from './numeric.js';
export { gradePrm800k, mathdNormalize } from './prm800k.js';
export { afterLastBoxed, qwenExtractAnswer, stripString } from './qwenExtract.js';
