/**
 * Jaro-Winkler similarity of two strings, from 0 (nothing in common) to 1 (identical).
 *
 * Jaro counts the characters the strings share within a window of half the longer length and the
 * transpositions among them; Winkler adds a bonus for a common prefix of up to four characters,
 * because people mistype the ends of names more often than their beginnings (W. E. Winkler, "String
 * Comparator Metrics and Enhanced Decision Rules in the Fellegi-Sunter Model", 1990).
 *
 * @example
 * jaroWinkler('martha', 'marhta'); // 0.961
 */
export function jaroWinkler(left: string, right: string): number {
  const similarity = jaro(left, right);
  if (similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  const prefix = commonPrefixLength(left, right, WINKLER_MAX_PREFIX);
  return similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity);
}

/** Winkler's constants: the prefix bonus only helps strings that are already fairly alike. */
const WINKLER_BOOST_THRESHOLD = 0.7;
const WINKLER_MAX_PREFIX = 4;
const WINKLER_PREFIX_SCALE = 0.1;

export function jaro(left: string, right: string): number {
  if (left === right) return 1;
  if (left.length === 0 || right.length === 0) return 0;

  const window = Math.max(0, Math.floor(Math.max(left.length, right.length) / 2) - 1);
  const leftMatched = new Array<boolean>(left.length).fill(false);
  const rightMatched = new Array<boolean>(right.length).fill(false);

  let matches = 0;
  for (let i = 0; i < left.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(right.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (rightMatched[j] || left[i] !== right[j]) continue;
      leftMatched[i] = true;
      rightMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;

  // Matched characters read in order on both sides; each position where they differ is half a
  // transposition.
  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < left.length; i++) {
    if (!leftMatched[i]) continue;
    while (!rightMatched[j]) j++;
    if (left[i] !== right[j]) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;

  return (matches / left.length + matches / right.length + (matches - transpositions) / matches) / 3;
}

function commonPrefixLength(left: string, right: string, max: number): number {
  const limit = Math.min(max, left.length, right.length);
  let length = 0;
  while (length < limit && left[length] === right[length]) length++;
  return length;
}
