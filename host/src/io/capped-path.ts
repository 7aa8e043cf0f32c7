/** Steps a printed path keeps at each end when it is longer than `2 × PATH_ENDS + 1`. */
const PATH_ENDS = 3;

/**
 * A path of tags (or of any steps) as a message prints it: joined with `separator`; a path
 * longer than seven steps keeps its first and last three around how many were left out, and
 * says how deep it is — a refusal at nesting depth 256 stays one readable line.
 * `(0040,A730) > (0040,A730) > (0040,A730) > … 250 more … > (0040,A730) > (0040,A730) > (0040,A730) (256 levels)`.
 */
export function cappedPath(steps: readonly string[], separator = ' > '): string {
  if (steps.length <= 2 * PATH_ENDS + 1) return steps.join(separator);
  const shown = [...steps.slice(0, PATH_ENDS), `… ${steps.length - 2 * PATH_ENDS} more …`, ...steps.slice(-PATH_ENDS)];
  return `${shown.join(separator)} (${steps.length} levels)`;
}
