/** Languages Inkwell can name reliably from the characters alone. */
export type DetectedLanguage = 'Chinese' | 'Japanese' | 'Korean' | 'English' | 'unknown';

const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const kana = /[\u3040-\u30ff]/g;
const hangul = /[\uac00-\ud7af]/g;
const latinWord = /[A-Za-z]+/g;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Guesses the main language of prose. Code blocks and URLs are dropped first
 * so that an English code sample does not make a Chinese article "English".
 * A CJK character carries about as much as a Latin word, hence the weighting.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const prose = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .slice(0, 20_000);
  const kanaCount = count(prose, kana);
  const hangulCount = count(prose, hangul);
  const hanCount = count(prose, han);
  const latinWords = count(prose, latinWord);
  const cjk = hanCount + kanaCount + hangulCount;
  if (cjk === 0 && latinWords === 0) return 'unknown';
  if (cjk >= latinWords * 0.5) {
    if (kanaCount > cjk * 0.1) return 'Japanese';
    if (hangulCount > cjk * 0.3) return 'Korean';
    return 'Chinese';
  }
  // Latin script could be many languages; only English is asserted, by its common words.
  return /\b(the|and|is|of|to|in|that|with)\b/i.test(prose) ? 'English' : 'unknown';
}

/** True when the text is mostly Chinese: decides the default translation direction. */
export function isMostlyChinese(text: string): boolean {
  return detectLanguage(text) === 'Chinese';
}
