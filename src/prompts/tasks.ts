import type { ChatMessage } from '../generation/types';
import { createTextFrame, keepMarkdownRule, languageRule, maxLanguageNameChars, onlyTextRule, quotedValue } from './rules';

/** Where a task's answer goes. `replace` always goes through review, never silently. */
export type OutputMode = 'replace' | 'insertBelow' | 'insertAbove' | 'cursor' | 'newDocument' | 'clipboard';

export const outputModes: readonly OutputMode[] = ['replace', 'insertBelow', 'insertAbove', 'cursor', 'newDocument', 'clipboard'];

/** The built-in writing tasks. Each id is also the suffix of its command (`inkwell.<id>`). */
export type BuiltinTaskId =
  | 'summarize'
  | 'improve'
  | 'fixGrammar'
  | 'shorter'
  | 'longer'
  | 'changeTone'
  | 'translate'
  | 'continueWriting'
  | 'explain'
  | 'outline'
  | 'draftArticle'
  | 'editWithInstruction'
  | 'draftSection'
  | 'summarizePart'
  | 'combineSummaries';

/** A writing task as data: the instruction template and where its answer goes by default. */
export interface WritingTask {
  id: string;
  title: string;
  /** Template with `{{name}}` placeholders filled from `TaskInput.variables`. */
  instruction: string;
  defaultOutput: OutputMode;
  /** `rewrite` answers replace the text they were given; `generate` answers are new text beside it. */
  kind: 'rewrite' | 'generate';
  /** Rules composed into the system prompt besides the always-on ones. */
  keepMarkdown: boolean;
  temperature?: number;
  /**
   * Variables that carry text to work on (a document, what a model wrote
   * earlier): each goes into the prompt inside the request's frame, so it
   * is read as material, never as instructions.
   */
  framedVariables?: readonly string[];
  /**
   * Variables that name something in a sentence of the instruction (a
   * language, a heading): each is flattened to one quoted, capped line.
   * The number is the longest value kept.
   */
  quotedVariables?: Readonly<Record<string, number>>;
}

/** Longest heading or title of a draft kept in a section's prompt; a real heading is one line. */
const maxHeadingChars = 200;

export type SummaryLength = 'oneSentence' | 'short' | 'detailed';
export type SummaryForm = 'paragraph' | 'bullets' | 'tldr';

const summaryLengthWords: Record<SummaryLength, string> = {
  oneSentence: 'in a single sentence',
  short: 'briefly, in at most a few sentences',
  detailed: 'in detail, covering every main point and the key supporting facts',
};

const summaryFormWords: Record<SummaryForm, string> = {
  paragraph: 'as a paragraph of prose',
  bullets: 'as a Markdown bullet list, one point per bullet',
  tldr: 'as a line starting with "TL;DR:"',
};

export const summaryLengths = Object.keys(summaryLengthWords) as SummaryLength[];
export const summaryForms = Object.keys(summaryFormWords) as SummaryForm[];

export function summaryStyle(length: SummaryLength, form: SummaryForm): Record<string, string> {
  return { length: summaryLengthWords[length], form: summaryFormWords[form] };
}

export const builtinTasks: Readonly<Record<BuiltinTaskId, WritingTask>> = {
  summarize: {
    id: 'summarize',
    title: 'Summarize Selection',
    kind: 'generate',
    defaultOutput: 'insertBelow',
    keepMarkdown: false,
    temperature: 0.3,
    instruction: 'Summarize the text {{length}}, {{form}}. Keep only what the text says; add no opinions or facts of your own.',
  },
  improve: {
    id: 'improve',
    title: 'Improve Writing',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    instruction:
      'Improve the clarity and flow of the text: fix awkward phrasing, vary sentence rhythm, cut filler. Keep the meaning, the facts, the voice and roughly the length.',
  },
  fixGrammar: {
    id: 'fixGrammar',
    title: 'Fix Spelling and Grammar',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    temperature: 0,
    instruction:
      'Correct spelling, grammar and punctuation only. Do not change word choice, style, tone or meaning; leave correct sentences exactly as they are.',
  },
  shorter: {
    id: 'shorter',
    title: 'Make Shorter',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    instruction: 'Make the text noticeably shorter (about half) while keeping every essential point and the tone.',
  },
  longer: {
    id: 'longer',
    title: 'Make Longer',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    instruction:
      'Expand the text with relevant detail, examples and explanation (about twice as long), in the same voice. Do not invent facts about real people, numbers or sources.',
  },
  changeTone: {
    id: 'changeTone',
    title: 'Change Tone',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    instruction: 'Rewrite the text in a {{tone}} tone. Keep the meaning and all facts.',
  },
  translate: {
    id: 'translate',
    title: 'Translate',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    temperature: 0.2,
    instruction:
      'Translate the text into the language named here: {{target}}. Translate faithfully and idiomatically, as a native writer of that language would write it. Keep names, code, URLs and Markdown syntax unchanged.',
    quotedVariables: { target: maxLanguageNameChars },
  },
  continueWriting: {
    id: 'continueWriting',
    title: 'Continue Writing',
    kind: 'generate',
    defaultOutput: 'cursor',
    keepMarkdown: true,
    instruction:
      'Continue writing from exactly where the text ends, in the same style, voice and format, for one or two paragraphs. Do not repeat the text; start with the next word (add a leading space or line break only if the text needs one).',
  },
  explain: {
    id: 'explain',
    title: 'Explain',
    kind: 'generate',
    defaultOutput: 'insertBelow',
    keepMarkdown: false,
    instruction:
      'Explain the text in plain words for a reader new to the subject: what it says, the terms it uses, and why it matters. Be concise.',
  },
  outline: {
    id: 'outline',
    title: 'Outline',
    kind: 'generate',
    defaultOutput: 'insertBelow',
    keepMarkdown: false,
    instruction: 'Write an outline of the text as a nested Markdown list that follows its structure, one short line per point.',
  },
  draftArticle: {
    id: 'draftArticle',
    title: 'Draft Article',
    kind: 'generate',
    defaultOutput: 'newDocument',
    keepMarkdown: false,
    temperature: 0.7,
    instruction:
      'Plan an article about the topic given in the text. {{details}} Reply with the outline only: the first line is the title starting with "# ", then 3 to 7 section headings, each on its own line starting with "## ".',
  },
  draftSection: {
    id: 'draftSection',
    title: 'Draft Article',
    kind: 'generate',
    defaultOutput: 'newDocument',
    keepMarkdown: false,
    temperature: 0.7,
    instruction:
      'You are writing the article titled {{title}} about the topic given in the text. {{details}} Its outline:\n{{outline}}\n\nWrite the body of the section headed {{section}} only, in Markdown, about {{words}} words: no heading line (it is already written), no conclusion for the whole article unless this is the last section. It follows on from the end of the draft so far:\n{{previous}}',
    // The outline, the headings and the draft so far were written by a model (and maybe edited): material, never instructions.
    framedVariables: ['outline', 'previous'],
    quotedVariables: { title: maxHeadingChars, section: maxHeadingChars },
  },
  summarizePart: {
    id: 'summarizePart',
    title: 'Summarize Part',
    kind: 'generate',
    defaultOutput: 'insertBelow',
    keepMarkdown: false,
    temperature: 0.2,
    instruction:
      'The text is part {{part}} of {{parts}} of a longer document. Summarize this part thoroughly, keeping every main point, name and figure: your summary will be combined with the summaries of the other parts.',
  },
  combineSummaries: {
    id: 'combineSummaries',
    title: 'Summarize Selection',
    kind: 'generate',
    defaultOutput: 'insertBelow',
    keepMarkdown: false,
    temperature: 0.3,
    instruction:
      'The text is a series of summaries of consecutive parts of one long document, in order. Write one summary of the whole document {{length}}, {{form}}. Keep only what the summaries say.',
  },
  editWithInstruction: {
    id: 'editWithInstruction',
    title: 'Edit with Instruction…',
    kind: 'rewrite',
    defaultOutput: 'replace',
    keepMarkdown: true,
    instruction: 'Apply this instruction to the text: {{instruction}}',
  },
};

/** What a task is run on. */
export interface TaskInput {
  /** The text the task works on (selection, paragraph, text before the cursor, or a topic). */
  text: string;
  /** Values for `{{name}}` placeholders. */
  variables?: Record<string, string>;
  /** `auto` or a language name (from `inkwell.answerLanguage`). */
  answerLanguage: string;
}

const persona = 'You are Inkwell, a careful writing assistant that edits and writes prose for the user.';

/** Fills `{{name}}` placeholders; unknown names are left visible so a broken template is noticed, not silently emptied. */
export function fillTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => (name in variables ? variables[name] : whole));
}

/**
 * Composes the messages for a task: persona and shared rules as system,
 * instruction and framed text as user. Each call is one request and gets a
 * frame with a code of its own.
 */
export function buildTaskMessages(task: WritingTask, input: TaskInput): ChatMessage[] {
  const translating = task.id === 'translate';
  const frame = createTextFrame();
  const rules = [
    persona,
    frame.rule,
    // A translation's language is the target, not the input's: the language rule would contradict it.
    translating ? '' : languageRule(input.answerLanguage, input.text),
    task.keepMarkdown ? keepMarkdownRule : '',
    onlyTextRule,
  ].filter(Boolean);
  const framed = frame.wrap(input.text);
  // A template may place the text itself with {{selection}}; otherwise it follows the instruction.
  const placesText = /\{\{\s*selection\s*\}\}/.test(task.instruction);
  const variables: Record<string, string> = { ...input.variables };
  for (const name of task.framedVariables ?? []) if (name in variables) variables[name] = frame.wrap(variables[name]);
  for (const [name, maxChars] of Object.entries(task.quotedVariables ?? {}))
    if (name in variables) variables[name] = quotedValue(variables[name], maxChars);
  const instruction = fillTemplate(task.instruction, { ...variables, selection: framed }).trim();
  return [
    { role: 'system', content: rules.join('\n') },
    { role: 'user', content: placesText ? instruction : `${instruction}\n\n${framed}` },
  ];
}
