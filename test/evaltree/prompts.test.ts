import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { annotationMessages, describeTree, descriptionMessages, EMBEDDING_PREFIXES, parseDomain, parseTree, PROMPT_DOMAINS } from '../../src/evaltree/index.js';
import { LmscopeError } from '../../src/core/errors.js';

// The reference prompt files (chat-ML, MIT-licensed) live in test/evaltree/fixtures; under dist/ look in the source tree.
function fixture(name: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      return readFileSync(path.join(dir, 'test', 'evaltree', 'fixtures', name), 'utf8');
    } catch {
      /* keep looking upwards */
    }
  }
  throw new Error(`fixture ${name} not found`);
}

/** The reference's chat-ML parsing: split on <|im_start|>, role on the first line, content trimmed. */
function parseChatMl(text: string): { role: string; content: string }[] {
  return text.trim().split('<|im_start|>').slice(1).map((part) => {
    const newline = part.indexOf('\n');
    return { role: part.slice(0, newline).trim(), content: part.slice(newline + 1).split('<|im_end|>')[0]!.trim() };
  });
}

/** Python's str.format_map for plain {name} fields. */
const formatMap = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

describe('EvalTree prompts', () => {
  test('annotation messages equal the reference mathematics prompt, filled', () => {
    const values = { input: 'Compute $\\{1, 2\\}$ and {x}.', output: 'The answer is $3$.' };
    assert.deepEqual(annotationMessages('mathematics', values.input, values.output), parseChatMl(formatMap(fixture('annotation-mathematics.txt'), values)));
  });

  test('description messages number the skills as the reference does', () => {
    const skills = ['Solving linear equations.', 'Factoring quadratics.', 'Graphing lines.'];
    const listed = skills.map((s, i) => `### Skill #${i + 1}\n${s}\n`).join('\n');
    const expected = parseChatMl(formatMap(fixture('description-mathematics.txt'), { group_number: 3, skill_descriptions: listed }));
    assert.deepEqual(descriptionMessages('mathematics', skills), expected);
    assert.match(expected[1]!.content, /There are 3 groups in total/);
  });

  test('every domain has both prompts, no unfilled fields, and an embedding prefix', () => {
    for (const domain of PROMPT_DOMAINS) {
      const text = [...annotationMessages(domain, 'IN', 'OUT'), ...descriptionMessages(domain, ['a', 'b'])].map((m) => m.content).join('\n');
      assert.doesNotMatch(text, /\{(input|output|group_number|skill_descriptions)\}/);
      assert.match(text, /IN[\s\S]*OUT/);
      assert.match(EMBEDDING_PREFIXES[domain], /^The model has the following /);
    }
    assert.throws(() => parseDomain('poetry'), (e) => LmscopeError.isInstance(e) && e.code === 'bad_domain');
  });
});

describe('bottom-up description', () => {
  const clusters = { subtrees: { '0': { subtrees: [0, 1] }, '2': { subtrees: { '0': 2, '1': { subtrees: [3, 4] } } } } };
  const annotations = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

  test('leaves take their annotations and each node summarises its described children', async () => {
    const calls: string[][] = [];
    // A summariser that joins its inputs shows exactly what each node was given.
    const described = await describeTree(clusters, annotations, async (children) => {
      calls.push([...children]);
      return `(${children.join(' + ')})`;
    });
    const tree = parseTree(described);
    assert.equal(tree.nodes[0]!.description, '((alpha + beta) + (gamma + (delta + epsilon)))');
    assert.deepEqual(calls[0], ['delta', 'epsilon']); // deepest first
    assert.equal(calls.length, 4);
    assert.deepEqual(Object.keys((described.subtrees as Record<string, unknown>)), ['0', '2']);
    assert.deepEqual(tree.leaves, [0, 1, 2, 3, 4]);
  });

  test('an instance without an annotation is an input error', async () => {
    await assert.rejects(describeTree(clusters, annotations.slice(0, 3), async () => 'x'), (e) => LmscopeError.isInstance(e) && e.code === 'size_mismatch');
  });
});
