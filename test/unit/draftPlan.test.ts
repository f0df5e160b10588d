import * as assert from 'assert';
import { GenerationError } from '../../src/generation/errors';
import type { ChatMessage } from '../../src/generation/types';
import { draftHeadings, lineEndOffset, maxDraftSections } from '../../src/prompts/articleOutline';
import { planDraft, previousDraftChars, type DraftBrief } from '../../src/pipeline/draftPlan';
import { runDraftPlan, type DraftHooks, type DraftSink } from '../../src/pipeline/runDraftPlan';

const answerLanguage = 'the language of the text';

function brief(overrides: Partial<DraftBrief> = {}): DraftBrief {
  return { topic: 'tides', answerLanguage, ...overrides };
}

/** The request's own words: the user message, where the task's instruction and its framed material go. */
function promptOf(messages: ChatMessage[]): string {
  return messages.map((message) => message.content).join('\n');
}

/** The heading a section request is for, or undefined for the outline request. */
function sectionOf(messages: ChatMessage[]): string | undefined {
  return /the section headed «(.+?)» only/.exec(promptOf(messages))?.[1];
}

/** A draft held as text: each insertion goes in at its offset, after what it wrote before. */
function textDraft(): DraftSink & { draft: string } {
  const sink = {
    draft: '',
    text: () => sink.draft,
    async insertAt(offset: number) {
      let at = offset;
      return (text: string) => {
        sink.draft = sink.draft.slice(0, at) + text + sink.draft.slice(at);
        at += text.length;
      };
    },
    async settle() {},
  };
  return sink;
}

/**
 * Hooks that answer the outline request with `outline` and each section with
 * `section(heading)`, streamed in two halves, and record what happened.
 */
function recording(
  options: {
    outline?: string;
    section?: (heading: string, onDelta: (text: string) => void) => Promise<string> | string;
    overrides?: Partial<DraftHooks>;
  } = {},
) {
  const requests: ChatMessage[][] = [];
  const progress: string[] = [];
  const notes: string[] = [];
  const sink = textDraft();
  const hooks: DraftHooks = {
    sink,
    onProgress: (message) => progress.push(message),
    onNote: (note) => notes.push(note),
    generate: async (messages, onDelta) => {
      requests.push(messages);
      const heading = sectionOf(messages);
      const deltas = onDelta ?? (() => undefined);
      const text =
        heading === undefined
          ? (options.outline ?? '# Tides for Kids\n## Why the sea moves\n## The moon')
          : await (options.section ?? ((name) => `About ${name}.`))(heading, deltas);
      const half = Math.floor(text.length / 2);
      deltas(text.slice(0, half));
      deltas(text.slice(half));
      return text;
    },
    ...options.overrides,
  };
  return { hooks, sink, requests, progress, notes, sections: () => requests.map(sectionOf).filter((heading) => heading !== undefined) };
}

describe('The draft plan', () => {
  it('asks the model for the outline when the writer gave none, and follows the headings the writer gave', () => {
    const asked = planDraft(brief({ audience: 'children' }));
    assert.strictEqual(asked.outline.from, 'model');
    if (asked.outline.from === 'model') assert.match(promptOf(asked.outline.messages), /Plan an article.*The readers are children\./);
    assert.deepStrictEqual(planDraft(brief({ outline: ['One', ' ', 'Two'] })).outline, {
      from: 'writer',
      title: 'tides',
      sections: ['One', 'Two'],
    });
  });

  it('asks for the outline first, then writes each section in order under its heading', async () => {
    const run = recording();
    const outcome = await runDraftPlan(planDraft(brief()), run.hooks);
    assert.deepStrictEqual(outcome, { status: 'written', sections: 2 });
    assert.strictEqual(sectionOf(run.requests[0]), undefined, 'the outline comes first');
    assert.deepStrictEqual(run.sections(), ['Why the sea moves', 'The moon']);
    assert.strictEqual(
      run.sink.draft,
      '# Tides for Kids\n\n## Why the sea moves\n\nAbout Why the sea moves.\n\n## The moon\n\nAbout The moon.\n',
    );
  });

  it('gives each section request the title, the whole outline, its heading, its share of the words and the end of the draft before it', async () => {
    const long = 'The sea rises and falls. '.repeat(100);
    const run = recording({ section: (heading) => (heading === 'Why the sea moves' ? long : 'The moon pulls.') });
    await runDraftPlan(planDraft(brief({ words: 900 })), run.hooks);
    const second = promptOf(run.requests[2]);
    assert.match(second, /titled «Tides for Kids»/);
    assert.ok(second.includes('- Why the sea moves\n- The moon'), second);
    assert.match(second, /headed «The moon» only, in Markdown, about 450 words/);
    const before = `# Tides for Kids\n\n## Why the sea moves\n\n${long}\n\n## The moon`;
    assert.ok(second.includes(before.slice(-previousDraftChars)), 'the end of the draft before the section');
    assert.ok(!second.includes(before.slice(-previousDraftChars - 1)), `at most ${previousDraftChars} characters of it`);
  });

  it('follows the writer’s outline under the topic as title, without asking the model for one', async () => {
    const run = recording();
    await runDraftPlan(planDraft(brief({ outline: ['One', 'Two', 'Three'] })), run.hooks);
    assert.deepStrictEqual(run.sections(), ['One', 'Two', 'Three'], 'no outline request');
    assert.strictEqual(run.requests.length, 3);
    assert.match(run.sink.draft, /^# tides\n\n## One\n\nAbout One\./);
  });

  it('reports the outline, then "section k of n" with the heading being written', async () => {
    const run = recording();
    await runDraftPlan(planDraft(brief()), run.hooks);
    assert.deepStrictEqual(run.progress, ['outline', 'section 1 of 2: Why the sea moves', 'section 2 of 2: The moon']);
  });

  it('writes a section the model wrapped in a markdown fence without the fence', async () => {
    const run = recording({ section: () => '```markdown\nThe sea rises.\n```' });
    await runDraftPlan(planDraft(brief({ outline: ['Why'] })), run.hooks);
    assert.strictEqual(run.sink.draft, '# tides\n\n## Why\n\nThe sea rises.\n');
  });

  it(`drafts at most ${maxDraftSections} sections, telling the writer so before the first one is written`, async () => {
    const outline = ['# Everything', ...Array.from({ length: 30 }, (_, i) => `- point ${i + 1}`)].join('\n');
    const run = recording({ outline });
    run.hooks.onNote = (note) => run.notes.push(`${note} (after ${run.sections().length} sections)`);
    const outcome = await runDraftPlan(planDraft(brief()), run.hooks);
    assert.strictEqual(run.sections().length, maxDraftSections);
    assert.strictEqual(outcome.status === 'written' && outcome.note, run.notes[0].replace(/ \(after 0 sections\)$/, ''));
    assert.match(run.notes.join('|'), new RegExp(`^The outline has 30 sections; .* \\(after 0 sections\\)$`));
  });

  it('stops after the outline when the writer does not confirm it, without writing a section', async () => {
    const run = recording({ overrides: { confirmOutline: async () => false } });
    const outcome = await runDraftPlan(planDraft(brief({ editOutline: true })), run.hooks);
    assert.deepStrictEqual(outcome, { status: 'outlineOnly' });
    assert.strictEqual(run.requests.length, 1);
    assert.deepStrictEqual(run.progress, ['outline', 'waiting for you to edit the outline']);
    assert.strictEqual(run.sink.draft, '# Tides for Kids\n\n## Why the sea moves\n\n## The moon\n');
  });

  it('writes the sections under the headings as the writer left them after editing the outline', async () => {
    const run = recording();
    run.hooks.confirmOutline = async () => {
      run.sink.draft = '# Tides\n\n## The moon and the sun\n\n## Why the sea moves\n\n## Spring tides\n';
      return true;
    };
    await runDraftPlan(planDraft(brief({ editOutline: true })), run.hooks);
    assert.deepStrictEqual(run.sections(), ['The moon and the sun', 'Why the sea moves', 'Spring tides']);
    assert.match(promptOf(run.requests[1]), /titled «Tides»/);
    assert.match(run.sink.draft, /## Why the sea moves\n\nAbout Why the sea moves\.\n\n## Spring tides\n\nAbout Spring tides\.\n$/);
  });

  it('stops at a failure in section k: no later section is asked for, and everything that arrived of section k is in the draft', async () => {
    const failure = new GenerationError('serverError', 'The server failed.');
    const run = recording({
      outline: '# Tides\n## One\n## Two\n## Three',
      section: (heading, onDelta) => {
        if (heading !== 'Two') return `About ${heading}.`;
        // The fence filter holds a leading fence back until the answer ends: on a failure it is passed on all the same.
        onDelta('```markdown\nHalf of two');
        throw failure;
      },
    });
    await assert.rejects(runDraftPlan(planDraft(brief()), run.hooks), (error) => error === failure);
    assert.deepStrictEqual(run.sections(), ['One', 'Two']);
    assert.strictEqual(run.sink.draft, '# Tides\n\n## One\n\nAbout One.\n\n## Two\n\n```markdown\nHalf of two\n\n## Three\n');
    assert.deepStrictEqual(run.progress.slice(-1), ['section 2 of 3: Two']);
  });

  it('sends no further request once cancelled, and fails as cancelled', async () => {
    const controller = new AbortController();
    const run = recording({ outline: '# Tides\n## One\n## Two\n## Three' });
    run.hooks.signal = controller.signal;
    run.hooks.onProgress = (message) => {
      if (message.startsWith('section 2 of')) controller.abort();
    };
    await assert.rejects(
      runDraftPlan(planDraft(brief()), run.hooks),
      (error) => error instanceof GenerationError && error.category === 'cancelled',
    );
    assert.deepStrictEqual(run.sections(), ['One']);
    assert.strictEqual(run.sink.draft, '# Tides\n\n## One\n\nAbout One.\n\n## Two\n\n## Three\n');
  });

  it('keeps what streamed of a section cancelled while it is written, and asks for no section after it', async () => {
    const controller = new AbortController();
    const run = recording({
      outline: '# Tides\n## One\n## Two',
      section: (heading, onDelta) => {
        if (heading === 'Two') return `About ${heading}.`;
        onDelta('The first words');
        controller.abort();
        throw new GenerationError('cancelled', 'Cancelled.');
      },
    });
    run.hooks.signal = controller.signal;
    await assert.rejects(runDraftPlan(planDraft(brief()), run.hooks), /Cancelled/);
    assert.deepStrictEqual(run.sections(), ['One']);
    assert.match(run.sink.draft, /## One\n\nThe first words\n\n## Two\n$/);
  });

  it('finds each heading and the end of its line in a draft with Windows line breaks', () => {
    const draft = '# Tides\r\n\r\n## One\r\n\r\n## Two\r\n';
    assert.deepStrictEqual(draftHeadings(draft), [
      { line: 2, text: 'One' },
      { line: 4, text: 'Two' },
    ]);
    assert.strictEqual(draft.slice(0, lineEndOffset(draft, 2)), '# Tides\r\n\r\n## One');
    assert.strictEqual(lineEndOffset(draft, 99), draft.length, 'past the last line: its end');
  });
});
