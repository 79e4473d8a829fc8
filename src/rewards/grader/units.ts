/**
 * Unit and filler words that decorate an answer ("15 cm^2", "\text{ dollars}") without changing
 * its value. Only multi-letter words: single letters are variables.
 */
const UNIT_WORDS = new Set(
  [
    'cm', 'mm', 'km', 'nm', 'meter', 'metre', 'centimeter', 'centimetre', 'millimeter', 'kilometer', 'inch', 'inches', 'ft',
    'feet', 'foot', 'yard', 'yd', 'mile', 'mi', 'mph', 'kmh', 'kph', 'sec', 'second', 'minute', 'min', 'hour', 'hr', 'day',
    'week', 'month', 'year', 'yr', 'degree', 'deg', 'radian', 'rad', 'dollar', 'cent', 'euro', 'unit', 'square', 'sq',
    'cubic', 'cu', 'kg', 'gram', 'gm', 'mg', 'lb', 'pound', 'oz', 'ounce', 'ton', 'liter', 'litre', 'ml', 'gallon', 'gal',
    'quart', 'pint', 'cup', 'acre', 'hectare', 'point', 'people', 'person', 'student', 'way', 'time', 'handshake',
    'game', 'page', 'book', 'coin', 'marble', 'ball', 'apple', 'tile', 'step', 'term', 'digit', 'number', 'integer',
    'solution', 'root', 'value', 'child', 'children', 'men', 'women', 'boy', 'girl', 'team', 'car', 'egg', 'box', 'dog',
    'cat', 'letter', 'word', 'triangle', 'square', 'edge', 'face', 'vertex', 'vertices', 'side', 'pair', 'item', 'candy',
    'candies', 'cookie', 'dozen', 'am', 'pm', 'th', 'st', 'nd', 'rd', 'ohm', 'volt', 'watt', 'celsius', 'fahrenheit', 'kelvin',
  ].flatMap((w) => [w, `${w}s`, `${w}es`]),
);

/** True if `text` (e.g. " cm", "square units", "miles per hour") is only unit words. */
export function isUnitWord(text: string): boolean {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[.^]/g, ' ')
    .split(/[\s/]+/)
    .filter((w) => w && w !== 'per' && w !== 'of' && w !== 'in' && w !== 'a' && w !== 'an');
  return words.length > 0 && words.every((w) => UNIT_WORDS.has(w) || /^\d$/.test(w));
}
