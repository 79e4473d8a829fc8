/**
 * A small English text, written for this project, from which the tiny models' byte-level BPE
 * merges are learned. Changing it changes every tiny model's vocabulary.
 */
export const TINY_CORPUS = `The morning was cold and clear. A small boat left the harbor before the sun came up, and the
people on the shore watched it go. The water was calm, the wind was light, and the sky turned from
grey to blue as the light grew.

In the town, the baker opened his shop and set out bread, cakes and hot rolls. Children ran to
school with their books under their arms. An old man sat on a bench near the park and read the
news. He said that the weather would change in the afternoon, and that it would rain by night.

Language is a tool that people use to share what they know. We write words, and other people read
them. We ask questions, and other people answer them. A good answer is short, true and kind. A
good question makes the reader think about the problem in a new way.

A model of language learns which words tend to follow other words. It reads a great deal of text
and counts what it sees. When it is given the start of a sentence, it tries to guess the next word.
If the guess is good, the model has learned something about the world; if the guess is bad, there
is still more to learn. Every guess comes with a number that says how sure the model is.

Numbers help us measure things: one, two, three, four, five, six, seven, eight, nine and ten. The
year has twelve months and the week has seven days. There are sixty minutes in an hour and
twenty four hours in a day. If you add 2 and 3 you get 5, and if you take 4 from 10 you get 6.

The river runs through the valley and into the sea. Along its banks there are trees, fields and
farms. In the spring the farmers plant their seeds, and in the autumn they bring in the harvest.
The work is hard, but the food they grow feeds the whole country.

She opened the door and looked out at the garden. The roses were in bloom, red and white and
yellow, and the grass was wet with dew. "It is a fine day," she said. "Let us walk to the hill and
see the view." They took a little food and water and set off along the path.

Science begins with a question and a careful look at the evidence. A test is fair when the answer
could have come out either way. We write down what we expect before we look, so that we cannot fool
ourselves later. Then we count, compare and check the work again.

The library was quiet. Rows of books stood on the shelves, and the light fell through the tall
windows onto the long tables. A student turned the pages of a history of the sea, and another wrote
notes about the stars. Time passed slowly, and nobody spoke.

When the rain came, it came all at once. The streets filled with water and the people ran for
cover. Then, just as suddenly, the clouds broke and the sun shone again on the wet roofs of the
town. The children came out to play in the puddles, and the day went on as before.
`;
