/**
 * The chat's slash commands as the composer offers them. What each one sends
 * is in src/prompts/chatPrompt.ts, built from the same task templates as the
 * editor commands.
 */

export type SlashCommandName = 'summarize' | 'improve' | 'translate' | 'shorter' | 'longer' | 'tone' | 'draft';

export interface SlashCommandInfo {
  name: SlashCommandName;
  /** Shown after the name in the suggestion list, e.g. `<language>`. */
  argumentHint?: string;
}

/** Their descriptions are in the chat page's table of strings, in the display language (src/chat/webviewStrings.ts). */
export const slashCommandList: readonly SlashCommandInfo[] = [
  { name: 'summarize' },
  { name: 'improve' },
  { name: 'translate', argumentHint: '<language>' },
  { name: 'shorter' },
  { name: 'longer' },
  { name: 'tone', argumentHint: '<tone>' },
  { name: 'draft', argumentHint: '<topic>' },
];

/** A parsed `/command argument` line and the text after it. */
export interface SlashInvocation {
  name: SlashCommandName;
  /** The rest of the first line, for commands that take an argument. */
  argument: string;
  /** What follows: the lines after the first for commands with an argument, else everything after the name. */
  text: string;
}

/** Reads `/name …` at the start of a message; undefined when the message is not a known command. */
export function parseSlashCommand(input: string): SlashInvocation | undefined {
  const match = /^\/([a-z]+)(?=\s|$)([^\n]*)(?:\n([\s\S]*))?$/.exec(input.trimStart());
  if (!match) return undefined;
  const info = slashCommandList.find((command) => command.name === match[1]);
  if (!info) return undefined;
  const firstLine = match[2].trim();
  const following = (match[3] ?? '').trim();
  if (info.argumentHint && info.name !== 'draft') return { name: info.name, argument: firstLine, text: following };
  return { name: info.name, argument: '', text: [firstLine, following].filter(Boolean).join('\n') };
}
