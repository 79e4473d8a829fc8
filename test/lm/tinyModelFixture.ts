import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTinyGguf, type TinyGgufInfo, type TinyGgufOptions } from '../../src/lm/gguf/index.js';

/** A tiny GGUF written into a fresh temp folder; `remove()` deletes the folder. */
export interface TinyModelFixture extends TinyGgufInfo {
  out: string;
  remove(): Promise<void>;
}

export async function writeTinyModelFixture(options: TinyGgufOptions = {}): Promise<TinyModelFixture> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-lm-'));
  const info = await writeTinyGguf({ out: path.join(dir, 'tiny.gguf'), seed: 11, ...options });
  return { ...info, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** The ChatML rendering the tiny models' template produces for one user turn. */
export function chatMlPrompt(messages: { role: string; content: string }[]): string {
  return `${messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('')}<|im_start|>assistant\n`;
}
