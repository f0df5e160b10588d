import { GenerationError } from '../generation/errors';
import {
  capSections,
  draftHeadings,
  draftTitle,
  droppedSectionsNote,
  lineEndOffset,
  outlineMarkdown,
  parseOutline,
} from '../prompts/articleOutline';
import { sectionMessages, type DraftPlan } from './draftPlan';
import { streamUnwrapped } from './runWritingPlan';
import type { GenerateOne } from './writingPlan';

/**
 * Where a draft is written: a document the writer may edit while it is
 * written, so each section's place is read from it when its turn comes.
 */
export interface DraftSink {
  /** The draft as it is now. */
  text(): string;
  /** Starts writing at `offset` of `text()` (what was written before lands first); returns where the text goes. */
  insertAt(offset: number): Promise<(text: string) => void>;
  /** Resolves once everything written has landed in the draft. */
  settle(): Promise<void>;
}

/** What carrying out a draft needs from its caller. */
export interface DraftHooks {
  generate: GenerateOne;
  sink: DraftSink;
  /** "outline", "section 2 of 5: Heading". */
  onProgress: (message: string) => void;
  /** Told once, before any section is written, when the outline has more sections than a draft writes. */
  onNote?: (note: string) => void;
  /** For a plan that lets the writer edit the outline: resolves true to write the sections under the headings as they are then. */
  confirmOutline?: () => Promise<boolean>;
  /** Once aborted, no further request is sent. */
  signal?: AbortSignal;
}

/** How a draft ended: its sections written (with the note about sections left out), or stopped after the outline. */
export type DraftOutcome = { status: 'written'; sections: number; note?: string } | { status: 'outlineOnly' };

/**
 * Carries out a draft plan: the outline goes into the draft first, then each
 * section streams in under its heading, with the outline and the end of the
 * draft so far as context. A failure in a section stops the draft there and
 * is thrown once the sink has everything that arrived, so every section
 * written so far, and the part of this one, stay in the draft.
 */
export async function runDraftPlan(plan: DraftPlan, hooks: DraftHooks): Promise<DraftOutcome> {
  const { sink } = hooks;
  // Between requests nothing else would notice a cancel: the next section would still be opened in the draft.
  const stopIfCancelled = () => {
    if (hooks.signal?.aborted) throw new GenerationError('cancelled', 'Cancelled.');
  };
  let outline: { title: string; sections: string[] };
  if (plan.outline.from === 'writer') {
    outline = { title: plan.outline.title, sections: plan.outline.sections };
  } else {
    hooks.onProgress('outline');
    stopIfCancelled();
    outline = parseOutline(await hooks.generate(plan.outline.messages), plan.topic);
  }
  // Only the sections that will be written go into the draft; the writer is told about the rest.
  const planned = capSections(outline.sections);
  let sectionsBeyondCap = planned.dropped ? outline.sections.length : 0;
  (await sink.insertAt(0))(outlineMarkdown(outline.title, planned.sections));
  await sink.settle();
  if (plan.confirmOutline) {
    if (!hooks.confirmOutline) throw new Error('A draft that lets the writer edit the outline needs a way to ask.');
    hooks.onProgress('waiting for you to edit the outline');
    if (!(await hooks.confirmOutline())) return { status: 'outlineOnly' };
  }
  // The writer may have added headings while editing the outline: the same cap holds for them.
  const draft = sink.text();
  const edited = capSections(draftHeadings(draft));
  const headings = edited.sections;
  if (edited.dropped) sectionsBeyondCap = headings.length + edited.dropped;
  const note = sectionsBeyondCap ? droppedSectionsNote(sectionsBeyondCap) : undefined;
  if (note) hooks.onNote?.(note);
  const title = draftTitle(draft) ?? outline.title;
  const outlineList = headings.map((heading) => `- ${heading.text}`).join('\n');
  for (const [index, heading] of headings.entries()) {
    hooks.onProgress(`section ${index + 1} of ${headings.length}: ${heading.text}`);
    // Everything of the previous section must be in the draft before this one's place is read.
    await sink.settle();
    stopIfCancelled();
    const now = sink.text();
    // The heading may have moved: sections above it grew, or the writer edits the draft meanwhile.
    const line =
      draftHeadings(now).find((candidate) => candidate.text === heading.text && candidate.line >= heading.line)?.line ?? heading.line;
    const at = lineEndOffset(now, line);
    const messages = sectionMessages(plan, {
      title,
      outline: outlineList,
      section: heading.text,
      sections: headings.length,
      before: now.slice(0, at),
    });
    const write = await sink.insertAt(at);
    write('\n\n');
    // A model that wraps its section in ```markdown would put the fence into the draft.
    await streamUnwrapped(hooks.generate, messages, write, false);
  }
  await sink.settle();
  return { status: 'written', sections: headings.length, ...(note ? { note } : {}) };
}
