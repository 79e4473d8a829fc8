/** Prompt layouts for math evaluation. */
export const MATH_TEMPLATES = ['qwen-boxed', 'r1', 'raw'] as const;
export type MathTemplate = (typeof MATH_TEMPLATES)[number];

const BOXED_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';

const R1_PREAMBLE =
  'A conversation between User and Assistant. The User asks a question, and the Assistant solves it. The Assistant first thinks about the reasoning process in the mind and then provides the User with the answer. The reasoning process is enclosed within <think> </think> and answer is enclosed within <answer> </answer> tags, respectively, i.e., <think> reasoning process here </think> <answer> answer here </answer>.';

/** How a template sends a problem: chat (the model's template applies) or a raw completion, and its stop strings. */
export interface PromptPlan {
  chat: boolean;
  text: string;
  stop?: string[];
}

/**
 * `qwen-boxed`: chat turn with the "final answer within \boxed{}" instruction (Qwen models).
 * `r1`: raw R1-style layout for base models, stopping at </answer>. `raw`: the problem alone.
 */
export function planPrompt(template: MathTemplate, problem: string): PromptPlan {
  switch (template) {
    case 'qwen-boxed':
      return { chat: true, text: `${problem}\n${BOXED_INSTRUCTION}` };
    case 'r1':
      return { chat: false, text: `${R1_PREAMBLE}\n\n<|user|>\n${problem}\n<|assistant|>\n<think>`, stop: ['</answer>'] };
    case 'raw':
      return { chat: false, text: problem };
  }
}

/** The part of a response the grader reads: after the last <answer> for r1, else everything. */
export function answerRegion(template: MathTemplate, response: string): string {
  if (template !== 'r1' || !response.includes('<answer>')) return response;
  return response.split('<answer>').pop()!.replace(/<\/answer>[\s\S]*$/, '');
}
