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
