/**
 * Repeatable randomness for the pure tests: a failing case found by a
 * generated input comes back with the same seed on every machine, so it can
 * be read and fixed rather than chased.
 */
export function seededRandom(seed: number): () => number {
  // mulberry32: small, fast, and good enough to spread edits over a text.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` characters drawn from `alphabet` by `next`. */
export function randomString(next: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}
