/**
 * The most requests Inkwell sends at once, whatever a setting says: more
 * only earns rate limits and a bigger bill for the same text.
 */
export const maxConcurrency = 16;

/**
 * Runs `work` over `items` with at most `limit` (and never more than
 * `maxConcurrency`) running at once, keeping the results in input order. The
 * first failure stops new work from starting and is rethrown once the running
 * ones settle; pass an AbortSignal to `work` to stop those too.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), maxConcurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
