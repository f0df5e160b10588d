import type { ChatMessage } from '../generation/types';
import { builtinTasks, buildTaskMessages } from '../prompts/tasks';

/** What the writer asked Draft Article for. */
export interface DraftBrief {
  topic: string;
  audience?: string;
  /** Words for the whole article. */
  words?: number;
  /** The writer's own section headings, followed instead of asking the model for an outline. */
  outline?: readonly string[];
  /** Stop after the outline so the writer can edit its headings in the draft before the sections are written. */
  editOutline?: boolean;
  answerLanguage: string;
}

/**
 * The steps of a draft, as the planner decided them: the outline (asked of
 * the model, or the writer's own), a pause for the writer to edit it when
 * asked, then one request per section in order. The sections themselves are
 * read from the draft when their turn comes, since the writer may edit the
 * outline meanwhile.
 */
export interface DraftPlan {
  kind: 'draftArticle';
  topic: string;
  answerLanguage: string;
  /** The sentence about the readers that both the outline and each section prompt carry ('' for none). */
  details: string;
  /** Words for the whole article, shared out evenly among the sections. */
  words: number;
  outline: { from: 'model'; messages: ChatMessage[] } | { from: 'writer'; title: string; sections: string[] };
  confirmOutline: boolean;
}

/** Words a draft runs to when the brief names no length. */
export const defaultDraftWords = 1000;

/** Decides the steps of a draft from its brief. */
export function planDraft(brief: DraftBrief): DraftPlan {
  const details = brief.audience ? `The readers are ${brief.audience}.` : '';
  const sections = brief.outline?.filter((heading) => heading.trim() !== '') ?? [];
  return {
    kind: 'draftArticle',
    topic: brief.topic,
    answerLanguage: brief.answerLanguage,
    details,
    words: brief.words ?? defaultDraftWords,
    outline: sections.length
      ? { from: 'writer', title: brief.topic, sections }
      : {
          from: 'model',
          messages: buildTaskMessages(builtinTasks.draftArticle, {
            text: brief.topic,
            answerLanguage: brief.answerLanguage,
            variables: { details },
          }),
        },
    confirmOutline: brief.editOutline ?? false,
  };
}

/**
 * How much of the draft before a section its request carries: enough to
 * follow on from, without sending the whole article again for every section.
 */
export const previousDraftChars = 1500;

/** Where one section stands in the draft when its request is made. */
export interface SectionContext {
  title: string;
  /** The headings of the whole outline as a Markdown list. */
  outline: string;
  section: string;
  /** How many sections the draft has, to share out the words. */
  sections: number;
  /** The draft up to the place this section is written. */
  before: string;
}

/** The request that writes one section: the outline and the end of what came before it as context. */
export function sectionMessages(plan: DraftPlan, context: SectionContext): ChatMessage[] {
  const variables = {
    title: context.title,
    details: plan.details,
    outline: context.outline,
    section: context.section,
    words: String(Math.round(plan.words / context.sections)),
    previous: context.before.slice(-previousDraftChars),
  };
  return buildTaskMessages(builtinTasks.draftSection, { text: plan.topic, answerLanguage: plan.answerLanguage, variables });
}
