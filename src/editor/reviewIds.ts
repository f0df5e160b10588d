/** One numbering for every review, side by side or inline, so a `reviewId` never names two. */
let last = 0;

export function nextReviewId(): number {
  return ++last;
}
