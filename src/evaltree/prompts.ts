import { badInput } from '../core/errors.js';
import type { ChatMessage } from '../lm/types.js';

/**
 * The EvalTree prompts (Stage 1: capability annotation; Stage 4: capability description), verbatim
 * from the reference implementation (MIT, © 2025 Zhiyuan Zeng), one per domain family.
 */
export type PromptDomain = 'mathematics' | 'instruction-following' | 'ds-1000' | 'mmlu';
export const PROMPT_DOMAINS: readonly PromptDomain[] = ['mathematics', 'instruction-following', 'ds-1000', 'mmlu'];

interface ChatTemplate {
  system: string;
  user: string;
}

const REQUIREMENT_TAIL = (aspects: string, skill = 'skill or capability'): string =>
  `## Requirement\n- The skill description should be an action-oriented gerund phrase that is **informative** and **detailed**.\n- The phrase should refer to a **specific** ${skill} that comprehensively covers the key aspects of ${aspects}, without including any context or specifics from the `;

const ANNOTATION: Record<PromptDomain, ChatTemplate> = {
  mathematics: {
    system: 'Given a mathematical question and its correct solution, generate a gerund phrase that thoroughly and precisely describes the **specific** mathematical skill or capability required to solve the question.',
    user: `## Question\n{input}\n\n## Solution\n{output}\n\n${REQUIREMENT_TAIL('the solution')}question or solution.\n- Avoid unnecessary elements unrelated to the core capability.\n- Please output **only a gerund phrase** describing the skill, with NO additional text.`,
  },
  'instruction-following': {
    system: 'Given a user instruction and a reference response to the instruction, generate a gerund phrase that thoroughly and precisely describes the **specific** skill or capability required to respond to the instruction.',
    user: `## Instruction\n{input}\n\n## Response\n{output}\n\n${REQUIREMENT_TAIL('the response')}instruction or reference response.\n- Avoid unnecessary elements unrelated to the core capability.\n- Please output **only a gerund phrase** describing the skill, with NO additional text.`,
  },
  'ds-1000': {
    system: 'Given a code generation problem (involving data science) and its correct Python implementation, generate a gerund phrase that thoroughly and precisely describes the coding skill or capability required to solve the problem in detail.',
    user: `## Problem\n{input}\n\n## Implementation\n{output}\n\n${REQUIREMENT_TAIL('the implementation', 'coding skill or capability')}problem or implementation.\n- Avoid unnecessary elements unrelated to the core capability.\n- Please output **only a gerund phrase** describing the skill, with NO additional text.`,
  },
  mmlu: {
    system: "Given a multiple-choice question testing a model's wide-ranging knowledge and reasoning skills, generate a gerund phrase that thoroughly and precisely describes the **specific** skill or capability required to determine the correct answer.",
    user: `## Question\n{input}\n\n## Answer\n{output}\n\n${REQUIREMENT_TAIL('selecting the correct answer')}question or answer.\n- Avoid unnecessary elements unrelated to the core capability.\n- Please output **only a gerund phrase** describing the skill, with NO additional text.`,
  },
};

/** Stage-4 prompt built from a domain's wording ("mathematical skills", "skills", ...). */
function summaryTemplate(what: string, groupTask: string, skillWord: string): ChatTemplate {
  return {
    system: `Given a set of phrases, each summarizing the ${what} needed to ${groupTask} within a specific group, generate a gerund phrase that summarizes the collective set of ${what} described across all groups.`,
    user: `## Task\nYou are given a set of phrases, each summarizing the ${what} needed to ${groupTask} within a specific group. There are {group_number} groups in total. Your task is to **summarize** the collective set of ${what} that represents the union of these descriptions in a detailed and informative manner.\n\n## Skill Descriptions\n{skill_descriptions}\n\n## Requirements\n- The output should be a **single gerund phrase** that succinctly summarizes the overarching ${skillWord} represented by the union of all the provided phrases.\n- The output should comprehensively cover each skill description without going beyond them.\n- The output should not simply enumerate the given phrases but instead provide a meaningful and informative summary of the ${what} they collectively represent.\n- Please output **only a gerund phrase** summarizing the ${skillWord}, with NO additional text.`,
  };
}

const DS1000_TASK = 'coding skills or capabilities needed to solve code generation problems involving data science tasks within a specific group';

const DESCRIPTION: Record<PromptDomain, ChatTemplate> = {
  mathematics: summaryTemplate('mathematical skills or capabilities', 'solve questions', 'mathematical skill or capability'),
  'instruction-following': summaryTemplate('skills or capabilities', 'respond to instructions', 'skill or capability'),
  mmlu: summaryTemplate('skills or capabilities', 'answer multiple-choice questions testing broad knowledge and reasoning', 'skill or capability'),
  'ds-1000': {
    system: `Given a set of phrases, each summarizing the ${DS1000_TASK}, generate a phrase that encapsulates the common coding skill or capability required across all the groups. The overall description should comprehensively cover each skill description without going beyond them, avoiding generic terms.`,
    user: `## Task\nYou are given a set of phrases, each summarizing the ${DS1000_TASK}. There are {group_number} groups in total. Your task is to **summarize** the common coding skill or capability that represents the union of these descriptions in a detailed and informative manner.\n\n## Skill Descriptions\n{skill_descriptions}\n\n## Requirements\nThe output should be a **single phrase** that succinctly summarizes the overarching coding skill or capability shared across all groups. It should not introduce any new concepts outside of those described in the provided phrases and must remain informative.\n\nPlease output **only a phrase** summarizing the skill or capability, with no additional text. Any output other than a phrase will NOT be accepted!`,
  },
};

/** Embedding prefixes: "skill or capability" for MATH, DS-1000 and CollegeMath; "capability" otherwise. */
export const EMBEDDING_PREFIXES: Record<PromptDomain, string> = {
  mathematics: 'The model has the following skill or capability: ',
  'ds-1000': 'The model has the following skill or capability: ',
  'instruction-following': 'The model has the following capability: ',
  mmlu: 'The model has the following capability: ',
};

/** Checks a domain name from user input. */
export function parseDomain(value: unknown): PromptDomain {
  if (typeof value === 'string' && (PROMPT_DOMAINS as readonly string[]).includes(value)) return value as PromptDomain;
  throw badInput(`unknown prompt domain ${JSON.stringify(value)}; use one of ${PROMPT_DOMAINS.join(', ')}`, { field: 'domain' }, 'bad_domain');
}

/** Fills `{name}` placeholders in one pass, so braces inside the values are left alone. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

// As the reference's chat-ML parsing: each message's content is trimmed.
function toMessages(template: ChatTemplate, values: Record<string, string | number>): ChatMessage[] {
  return [
    { role: 'system', content: template.system.trim() },
    { role: 'user', content: fillTemplate(template.user, values).trim() },
  ];
}

/** Stage-1 messages for one instance (its input and reference output). */
export function annotationMessages(domain: PromptDomain, input: string, output: string): ChatMessage[] {
  return toMessages(ANNOTATION[domain], { input, output });
}

/** Stage-4 messages for a node, from its children's descriptions (already in prompt order). */
export function descriptionMessages(domain: PromptDomain, childDescriptions: readonly string[]): ChatMessage[] {
  const skills = childDescriptions.map((d, i) => `### Skill #${i + 1}\n${d}\n`);
  return toMessages(DESCRIPTION[domain], { group_number: skills.length, skill_descriptions: skills.join('\n') });
}
