/**
 * The passage the demo page opens with: a response mixing lines from the bundled public-domain
 * books (Jane Austen's Emma, Charlotte Brontë's Jane Eyre) with new sentences.
 */
export const SAMPLE_PASSAGE = {
  prompt: 'Write a short reflection on Mr. Woodhouse in Emma and on how nineteenth-century novels open.',
  response:
    'Mr. Woodhouse is a gentle hypochondriac whose worries shape the household. His own stomach could bear nothing rich, ' +
    'and he could never believe other people to be different from himself. Austen lets us laugh at him without contempt. ' +
    'Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition, seemed to unite some of the best blessings of existence. ' +
    'Many novels of the period begin with weather or a walk: there was no possibility of taking a walk that day. ' +
    'Such openings place the reader inside a house, looking out at a world the heroine is not yet free to enter.',
};
