import type { RewardFunction } from '../types.js';

/** The paper's code-inducing rewards: a ```python block, or any mention of "python". */
export const pythonBlockReward: RewardFunction = {
  name: 'python',
  description: 'Contains a ```python block (the paper\'s contain_python)',
  score: (item) => ({ reward: item.response.toLowerCase().includes('```python') ? 1 : 0 }),
};

export const pythonMentionReward: RewardFunction = {
  name: 'python_mention',
  description: 'Mentions "python" anywhere (the paper\'s contain_python_wo_backticks)',
  score: (item) => ({ reward: item.response.toLowerCase().includes('python') ? 1 : 0 }),
};
