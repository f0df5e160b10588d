/**
 * Draft Article's plan: the title and section headings of an outline, read
 * from what a model wrote (or what the writer left in the draft). No
 * `vscode` import, so it is tested in plain Node.
 */

/**
 * Most sections one draft writes. Each section is one request, and the
 * outline prompt asks for 3 to 7: a model that answers with a long list
 * (every bullet of it reads as a section), or an outline pasted from
 * elsewhere, must not turn into dozens of paid requests. Twelve leaves room
 * for a writer's longer outline.
 */
export const maxDraftSections = 12;

/** The sections to write, at most `maxDraftSections`, and how many the outline had beyond them. */
export function capSections<T>(sections: readonly T[]): { sections: T[]; dropped: number } {
  return { sections: sections.slice(0, maxDraftSections), dropped: Math.max(0, sections.length - maxDraftSections) };
}

/** What to tell the writer when an outline had more sections than are written. */
export function droppedSectionsNote(total: number): string {
  return `The outline has ${total} sections; Inkwell drafts at most ${maxDraftSections} (one request each), so only the first ${maxDraftSections} are drafted. Draft the rest in a second run with their headings as the outline.`;
}

/** Reads the outline the model wrote: a `# ` title and `## ` sections (numbered or bulleted lines also count). */
export function parseOutline(text: string, topic: string): { title: string; sections: string[] } {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const title = lines.find((line) => /^#\s/.test(line))?.replace(/^#\s+/, '') ?? topic;
  const sections = lines
    .filter((line) => /^(##\s|\d+[.)]\s|[-*]\s)/.test(line))
    .map((line) => line.replace(/^(##\s+|\d+[.)]\s+|[-*]\s+)/, '').trim());
  return { title, sections: sections.length ? sections : ['Introduction', 'Main points', 'Conclusion'] };
}

/** A `## ` heading of a draft and the line it is on. */
export interface DraftHeading {
  line: number;
  text: string;
}

/** The `## ` headings of a draft as its text is now, each with the line it is on. */
export function draftHeadings(draft: string): DraftHeading[] {
  const headings: DraftHeading[] = [];
  for (const [line, text] of draft.split('\n').entries()) {
    const match = /^##\s+(.+?)\s*$/.exec(text);
    if (match) headings.push({ line, text: match[1] });
  }
  return headings;
}

/** The draft's `# ` title, if it still has one. */
export function draftTitle(draft: string): string | undefined {
  return /^#\s+(.+)$/m.exec(draft)?.[1];
}

/** The offset in `draft` where line `line` ends (before its line break); past the last line, the last line's end. */
export function lineEndOffset(draft: string, line: number): number {
  const lines = draft.split('\n');
  const last = Math.min(Math.max(line, 0), lines.length - 1);
  let offset = 0;
  for (let index = 0; index < last; index++) offset += lines[index].length + 1;
  return offset + lines[last].replace(/\r$/, '').length;
}

/** The outline as it goes into the draft: the title, then each section's heading with a blank line before it. */
export function outlineMarkdown(title: string, sections: readonly string[]): string {
  return `# ${title}\n${sections.map((section) => `\n## ${section}\n`).join('')}`;
}
