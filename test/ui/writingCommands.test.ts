import * as assert from 'assert';
import { FakeOpenAIServer } from '../support/openaiServer';
import { editorText, runCommand, saveScreenshot, startChatHost, switchTheme, type ChatHost } from './chatUiKit';

/** A line of the plain text editor, never of a diff's two sides. Monaco renders spaces as no-break spaces, which `\s` matches. */
function line(ui: ChatHost, text: RegExp | string) {
  return ui.page
    .locator(
      '.editor-group-container.active .monaco-editor:not(.original-in-monaco-diff-editor):not(.modified-in-monaco-diff-editor) .view-line',
      { hasText: text },
    )
    .first();
}

/** The editor's text once it has stopped changing (an earlier test's stream may still be landing). */
async function settledText(ui: ChatHost): Promise<string> {
  let text = await editorText(ui.page);
  for (let guard = 0; guard < 20; guard++) {
    await ui.page.waitForTimeout(300);
    const now = await editorText(ui.page);
    if (now === text) return now;
    text = now;
  }
  return text;
}

function proposalShows(ui: ChatHost, text: RegExp) {
  return ui.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: text }).waitFor();
}

describe('Writing commands, as a person uses them', function () {
  this.timeout(180_000);
  let server: FakeOpenAIServer;
  let ui: ChatHost;

  before(async () => {
    server = await FakeOpenAIServer.start();
    // These tests follow the side-by-side review; tracked changes have their own suite (trackedChanges.test.ts).
    ui = await startChatHost(server, {
      label: 'ui-writing',
      settings: {
        'inkwell.review.style': 'sideBySide',
        'inkwell.prompts': { 'Say It Twice': 'Say {{selection}} in other words.' },
        'inkwell.promptOutputs': { 'Say It Twice': 'insertBelow' },
      },
    });
    const { page } = ui;
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'A first paragraph' }).waitFor();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(ui.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await ui?.close();
    await server?.close();
  });

  it('shows the Inkwell submenu in the editor context menu', async () => {
    const { page } = ui;
    await line(ui, 'A first paragraph').click({ button: 'right' });
    const inkwell = page.locator('.context-view .action-item', { hasText: /^Inkwell/ }).first();
    await inkwell.hover();
    await page.locator('.context-view .action-label', { hasText: 'Improve Writing' }).waitFor();
    const labels = await page.locator('.context-view .action-label').allInnerTexts();
    for (const title of ['Improve Writing', 'Fix Spelling and Grammar', 'Translate…', 'Summarize Selection', 'Continue Writing']) {
      assert.ok(
        labels.some((label) => label.includes(title)),
        `${title} missing from ${labels.join(' | ')}`,
      );
    }
    await saveScreenshot(page, 'context-submenu.png');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('improves a selected paragraph through a streamed diff review and applies it on Accept', async () => {
    const { page } = ui;
    server.enqueue({ kind: 'reply', text: 'A first paragraph about our wonderful trip to the sea.', tokensPerSecond: 30 });
    await line(ui, 'A first paragraph').click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    const diff = page.locator('.monaco-diff-editor');
    await diff.waitFor();
    // The proposal streams: part of it shows before the rest has arrived.
    await proposalShows(ui, /wonderful/);
    await proposalShows(ui, /sea\./);
    const accept = page.locator('.editor-actions .action-label[aria-label^="Accept Proposal"]');
    await accept.waitFor();
    await saveScreenshot(page, 'review-diff.png');
    await accept.click();
    await diff.waitFor({ state: 'detached' });
    await line(ui, /wonderful/).waitFor();
    const text = await editorText(page);
    assert.match(text, /# Notes\s+A first paragraph about our wonderful trip to the sea\.\s+The end\./);
    await saveScreenshot(page, 'review-accepted.png');
  });

  it('leaves the text alone when the review is rejected with its button', async () => {
    const { page } = ui;
    server.enqueue({ kind: 'reply', text: 'Something else entirely.' });
    await line(ui, /The\send\./).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Make Shorter');
    await proposalShows(ui, /Something\selse/);
    await page.locator('.editor-actions .action-label[aria-label^="Reject Proposal"]').click();
    await page.locator('.monaco-diff-editor').waitFor({ state: 'detached' });
    assert.match(await editorText(page), /The end\./);
    assert.doesNotMatch(await editorText(page), /Something else/);
  });

  it('stops the stream on Escape and keeps what was written', async () => {
    const { page } = ui;
    server.enqueue({
      kind: 'reply',
      text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
      tokensPerSecond: 8,
    });
    await line(ui, /The\send\./).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Summarize Selection');
    await line(ui, /two\sthree/).waitFor();
    await line(ui, /#\sNotes/).click();
    await page.keyboard.press('Escape');
    await server.waitForDisconnect(5000);
    const text = await editorText(page);
    assert.match(text, /one two three/);
    assert.doesNotMatch(text, /fifteen/);
  });

  it('puts the cursor after an inserted summary, so the next keystroke adds to it and replaces nothing', async () => {
    const { page } = ui;
    server.enqueue({ kind: 'reply', text: 'Summary of the ending.' });
    const before = await settledText(ui);
    await line(ui, /The\send\./).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Summarize Selection');
    await line(ui, /Summary\sof\sthe\sending\./).waitFor();
    await saveScreenshot(page, 'cursor-after-insert.png');
    await page.keyboard.type(' Typed');
    await line(ui, /ending\.\sTyped/).waitFor();
    assert.match(await editorText(page), /The end\.\s+Summary of the ending\. Typed/);
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await line(ui, /Summary/).waitFor({ state: 'detached' });
    assert.strictEqual(await editorText(page), before);
  });

  it('stops Summarize on Escape while its text is still highlighted, and one undo takes the whole summary away', async () => {
    const { page } = ui;
    server.enqueue({
      kind: 'reply',
      text: 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
      tokensPerSecond: 8,
    });
    const before = await settledText(ui);
    await line(ui, /The\send\./).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Summarize Selection');
    await line(ui, /beta\sgamma/).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await server.waitForDisconnect(5000);
    assert.doesNotMatch(await editorText(page), /omicron/);
    await page.keyboard.press('Control+Z');
    await line(ui, /alpha/).waitFor({ state: 'detached' });
    assert.strictEqual(await editorText(page), before);
  });

  /**
   * Starts `command` on the selected last paragraph (choosing `pick` in its quick pick, if any),
   * presses Escape once while the answer streams, and checks the request ended there and one undo
   * takes the whole answer away.
   */
  async function escapeOnceStops(command: string, pick?: string): Promise<void> {
    const { page } = ui;
    server.enqueue({
      kind: 'reply',
      text: 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
      tokensPerSecond: 8,
    });
    const before = await settledText(ui);
    const requests = server.requests.length;
    await line(ui, /The\send\./).click({ clickCount: 3 });
    await runCommand(page, command);
    if (pick) {
      const input = page.locator('.quick-input-widget input.input');
      await input.fill(pick);
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: pick }).first().waitFor();
      await input.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
    await line(ui, /beta\sgamma/).waitFor();
    await page.keyboard.press('Escape');
    await server.waitForDisconnect(5000);
    assert.strictEqual(server.requests.length, requests + 1, 'one request, ended by the one Escape');
    const stopped = await settledText(ui);
    assert.doesNotMatch(stopped, /omicron/);
    assert.match(stopped, /alpha beta/);
    await page.keyboard.press('Control+Z');
    await line(ui, /alpha/).waitFor({ state: 'detached' });
    assert.strictEqual(await editorText(page), before);
  }

  it('stops Summarize Selection on one Escape pressed while it streams below its selected source, and one undo takes the whole summary away', async () => {
    await escapeOnceStops('Inkwell: Summarize Selection');
  });

  it('stops Summarize with Options on one Escape, and one undo takes the whole summary away', async () => {
    await escapeOnceStops('Inkwell: Summarize with Options…', 'Short, bullet points');
  });

  it('stops a prompt template on one Escape, and one undo takes its whole answer away', async () => {
    await escapeOnceStops('Inkwell: Run Prompt…', 'Say It Twice');
  });

  it('shows a failed rewrite as incomplete, offers no Accept, and inserts what arrived below the original only when asked', async () => {
    const { page } = ui;
    server.enqueue({
      kind: 'disconnect',
      text: 'A first paragraph that was being rewritten when the line dropped and the rest never came',
      afterChunks: 12,
    });
    await line(ui, 'A first paragraph').click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await proposalShows(ui, /line\sdropped/);
    const actions = page.locator('.editor-actions');
    const usePartial = actions.locator('.action-label[aria-label^="Use What Arrived"]');
    await usePartial.waitFor();
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: /\[Inkwell:\sincomplete\./ }).waitFor();
    assert.strictEqual(await actions.locator('.action-label[aria-label^="Accept Proposal"]').count(), 0, 'no Accept button');
    await saveScreenshot(page, 'review-after-failure.png');
    await page.locator('.monaco-diff-editor .editor.modified .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    assert.ok(await page.locator('.monaco-diff-editor').isVisible(), 'Ctrl+Enter applies nothing: the review stays');
    await usePartial.click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Insert below my text' }).click();
    await page.locator('.monaco-diff-editor').waitFor({ state: 'detached' });
    await line(ui, /line\sdropped/).waitFor();
    assert.match(
      await editorText(page),
      /A first paragraph about our wonderful trip to the sea\.\s+A first paragraph that was being rewritten/,
    );
    await page.keyboard.press('Control+Z');
    await line(ui, /line\sdropped/).waitFor({ state: 'detached' });
  });

  it('shows the Draft Article outline in the draft, lets the writer edit a heading, then writes the sections under the headings as edited, naming the section being written in the progress', async () => {
    const { page } = ui;
    // The second section streams slowly enough to read the progress while it is written.
    server.enqueue(
      { kind: 'reply', text: '# Tides\n## Alpha\n## Beta' },
      { kind: 'reply', text: 'Alpha body.' },
      { kind: 'reply', text: `Second body.${' More words.'.repeat(15)}`, tokensPerSecond: 8 },
    );
    await runCommand(page, 'Inkwell: Draft Article…');
    const step = (n: number) => page.locator('.quick-input-widget .quick-input-title', { hasText: `Draft Article (${n}/3)` }).waitFor();
    await step(1);
    await page.locator('.quick-input-widget input').fill('tides');
    await page.keyboard.press('Enter');
    await step(2);
    await page.keyboard.press('Enter');
    await step(3);
    await page.keyboard.press('Enter');
    const write = page.locator('.notifications-toasts .monaco-button', { hasText: 'Write Sections' });
    await write.waitFor();
    await line(ui, /##\sBeta/).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and Gamma');
    await saveScreenshot(page, 'draft-outline.png');
    await write.click();
    await line(ui, /Second\sbody\./).waitFor();
    // The progress names the section being written, under its heading as edited.
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: 'Inkwell: drafting…' });
    await progress.filter({ hasText: 'section 2 of 2: Beta and Gamma' }).waitFor();
    await saveScreenshot(page, 'draft-progress.png');
    // Done drafting: the progress goes.
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(await editorText(page), /# Tides\s+## Alpha\s+Alpha body\.\s+## Beta and Gamma\s+Second body\./);
    const prompts = server.requests.filter((request) => request.chat).map((request) => String(request.chat!.messages.at(-1)!.content));
    assert.match(prompts.at(-1)!, /«Beta and Gamma»/);
  });

  it('shows a failed rewrite of Chinese text legibly in light, dark and high-contrast themes', async () => {
    const { page } = ui;
    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).click();
    await line(ui, /#\sNotes/).waitFor();
    const before = await settledText(ui);
    await line(ui, /#\sNotes/).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('潮汐每天涨落两次，因为月球的引力牵引着海水。');
    server.enqueue({
      kind: 'disconnect',
      text: '潮汐每天涨落两次，这是因为月球的引力一直在牵引着地球上的海水，而太阳也有影响',
      afterChunks: 12,
    });
    await line(ui, /潮汐每天/).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: /\[Inkwell:\sincomplete\./ }).waitFor();
    for (const [theme, file] of [
      ['Default Light Modern', 'review-after-failure-zh-light.png'],
      ['Default Dark Modern', 'review-after-failure-zh-dark.png'],
      ['Default High Contrast', 'review-after-failure-zh-high-contrast.png'],
    ]) {
      await switchTheme(page, theme);
      await saveScreenshot(page, file);
    }
    await switchTheme(page, 'Default Light Modern');
    await runCommand(page, 'Inkwell: Reject Proposal');
    await page.locator('.monaco-diff-editor').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Z');
    await line(ui, /潮汐每天/).waitFor({ state: 'detached' });
    assert.strictEqual(await settledText(ui), before);
  });
});
