import type { StoredConversation } from './conversationStore';

/** A conversation as a Markdown document: title, then each message under who wrote it, context included. */
export function conversationToMarkdown(conversation: StoredConversation): string {
  const lines = [
    `# ${conversation.title}`,
    '',
    `_Exported from Inkwell, ${new Date(conversation.updatedAt).toISOString().slice(0, 10)}_`,
    '',
  ];
  for (const message of conversation.messages) {
    if (message.role === 'user') {
      lines.push('## You', '');
      for (const context of message.context ?? []) {
        lines.push(`> ${context.label}`, '>', ...context.text.split('\n').map((line) => (line ? `> ${line}` : '>')), '');
      }
      if (message.text) lines.push(message.text, '');
    } else {
      const note =
        message.status === 'stopped' ? ' (stopped)' : message.status === 'error' ? ` (failed: ${message.errorMessage ?? 'error'})` : '';
      lines.push(`## Inkwell${note}`, '', message.text, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name from a title: letters, digits and dashes only, never empty. */
export function exportFileName(title: string): string {
  const base = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'chat'}.md`;
}
