/**
 * A fast, CJK-aware token estimate: BPE vocabularies spend about one token
 * per Han/Kana/Hangul character and about one per four characters of Latin
 * text. Errs on the high side so that parts sized by it fit the window.
 */
const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/g;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjkCount = text.match(cjk)?.length ?? 0;
  const other = text.length - cjkCount;
  return Math.ceil(cjkCount * 1.1 + other / 3.6);
}

/** Tokens available for the text of one request, after the answer and the prompt's own words. */
export function inputBudget(contextWindow: number, maxOutputTokens: number, promptOverhead = 600): number {
  return Math.max(256, contextWindow - maxOutputTokens - promptOverhead);
}
