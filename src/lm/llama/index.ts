export { createLlamaBackend } from './llamaBackend.js';
export type { LlamaBackendSettings } from './llamaOptions.js';
