export { encodeGguf } from './ggufWriter.js';
export { parseGguf, readTensorValues, type GgufFile, type GgufTensorInfo, type GgufReadValue } from './ggufReader.js';
export type { GgufTensor, GgufValue } from './ggufFormat.js';
export { buildTinyGguf, writeTinyGguf, TINY_CHAT_TEMPLATE, type TinyGgufInfo, type TinyGgufOptions } from './tinyModel.js';
export { buildTinyVocabulary, type TinyVocabulary } from './tinyVocabulary.js';
