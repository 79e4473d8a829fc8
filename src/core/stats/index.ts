export { clopperPearson, wilson, type Interval } from './binomialInterval.js';
export { binomialCdf, binomialSurvival } from './binomialTail.js';
export { bootstrap, mean, quantile, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
export { pearson, rank, spearman } from './correlation.js';
export { erfc, normalCdf, normalQuantile } from './normal.js';
export { createPythonRandom, type PythonRandom } from './pythonRandom.js';
