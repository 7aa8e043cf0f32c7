/**
 * The candidate closest to a misspelt name, for "did you mean" in error messages: the
 * smallest edit distance (insertions, deletions, substitutions and swaps of two neighbouring
 * characters, letter case ignored), provided it is at most a third of the name's length
 * (at least 1, at most 3); ties go to the earlier candidate. `undefined` when nothing is close.
 * A name that is a candidate with whole words left out (`SeriesUID` for SeriesInstanceUID,
 * `PatientBirth` for PatientBirthDate) gets that candidate first, however far in edits.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const shortened = longerForm(name, list);
  if (shortened !== undefined) return shortened;
  const word = name.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of list) {
    const d = editDistance(word, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance between `a` and `b`; any value ≥ `cap` once it cannot be below it. */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The shortest candidate that is `name` with words inserted at one of its word boundaries (an
 * upper-case letter, or its end): `SeriesUID` → SeriesInstanceUID. Letter case ignored; the
 * start of the name must be the candidate's start.
 */
function longerForm(name: string, candidates: readonly string[]): string | undefined {
  if (name.length < 3) return undefined;
  const cuts = [...name.matchAll(/(?<=.)[A-Z]/g)].map((m) => m.index).concat(name.length);
  const lower = name.toLowerCase();
  let best: string | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c.length <= lower.length || (best !== undefined && candidate.length >= best.length)) continue;
    if (cuts.some((k) => c.startsWith(lower.slice(0, k)) && c.endsWith(lower.slice(k)))) best = candidate;
  }
  return best;
}
