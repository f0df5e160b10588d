/**
 * A short name for the chat's persona, for the header: the system prompt
 * itself is a paragraph of instructions. No `vscode` import.
 */

const maxNameChars = 24;
const articles = /^(?:a|an|the)\s+/i;

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > maxNameChars ? `${trimmed.slice(0, maxNameChars - 1).trimEnd()}…` : trimmed;
}

/**
 * "You are Inkwell, a writing assistant…" → "Inkwell"; "You are a careful
 * copy editor." → "Careful copy editor"; "你是一位编辑，…" → "一位编辑". A
 * prompt in another form is named by the start of its first line.
 */
export function personaName(systemPrompt: string): string {
  const firstLine = systemPrompt.trim().split('\n')[0]?.trim() ?? '';
  if (!firstLine) return '';
  const english = /^you are\s+([^,.;:!?()]+)/i.exec(firstLine);
  if (english) {
    const name = english[1].replace(articles, '').trim();
    if (name) return shorten(name.charAt(0).toUpperCase() + name.slice(1));
  }
  const chinese = /^你是([^，。,.;；：:！!？?（(]+)/.exec(firstLine);
  if (chinese?.[1].trim()) return shorten(chinese[1]);
  return shorten(firstLine.replace(/[.。]$/, ''));
}
