/** VS Code display-language codes to the names models understand best. */
const displayLanguageNames: Record<string, string> = {
  en: 'English',
  'zh-cn': 'Simplified Chinese',
  'zh-tw': 'Traditional Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  ru: 'Russian',
  'pt-br': 'Brazilian Portuguese',
  tr: 'Turkish',
  pl: 'Polish',
  cs: 'Czech',
  hu: 'Hungarian',
};

/**
 * Turns `inkwell.answerLanguage` into what the prompt rules take: `auto` or a
 * language name; `editor` names VS Code's display language (`vscode.env.language`).
 */
export function resolveAnswerLanguage(setting: string, displayLanguage: string): string {
  if (setting !== 'editor') return setting || 'auto';
  const code = displayLanguage.toLowerCase();
  return displayLanguageNames[code] ?? displayLanguageNames[code.split('-')[0]] ?? 'auto';
}
