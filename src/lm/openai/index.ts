export { createOpenAiBackend } from './openAiBackend.js';
export type { OpenAiBackendSettings } from './openAiOptions.js';
