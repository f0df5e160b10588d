import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FakeOpenAIServer } from '../support/openaiServer';
import { editorText, runCommand, saveScreenshot, startChatHost, switchTheme, type ChatHost } from './chatUiKit';

const themes = [
  ['Default Light Modern', 'light'],
  ['Default Dark Modern', 'dark'],
  ['Default High Contrast', 'high-contrast'],
] as const;

function line(ui: ChatHost, text: RegExp | string) {
  return ui.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
}

/** A CodeLens entry: a link when it runs a command, plain text when it only informs. */
function codeLens(ui: ChatHost, text: RegExp | string) {
  return ui.page.locator('.monaco-editor .codelens-decoration :is(a, span)', { hasText: text }).first();
}

/** Types a new paragraph under the document's title, as a writer would. */
async function addParagraphUnderTitle(ui: ChatHost, text: string): Promise<void> {
  await line(ui, /#\sNotes/).click();
  await ui.page.keyboard.press('End');
  await ui.page.keyboard.press('Enter');
  await ui.page.keyboard.press('Enter');
  await ui.page.keyboard.insertText(text);
}

describe('Tracked changes, as a writer reviews them', function () {
  this.timeout(180_000);
  let server: FakeOpenAIServer;
  let ui: ChatHost;

  before(async () => {
    server = await FakeOpenAIServer.start();
    // Tracked changes are the default review; autosave is on, as many writers have it, so a proposal reaching the disk would show.
    ui = await startChatHost(server, { label: 'ui-tracked', settings: { 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 200 } });
    await runCommand(ui.page, 'View: Show Explorer');
    await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).first().click();
    await line(ui, 'A first paragraph').waitFor();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(ui.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await ui?.close();
    await server?.close();
  });

  it('shows a rewrite as struck-through and inserted words in the text, accepts one from its hover with the mouse, and rejects the rest from the CodeLens', async () => {
    const { page } = ui;
    server.enqueue({ kind: 'reply', text: 'A first paragraph about our long trip to the sea.', tokensPerSecond: 40 });
    await line(ui, 'A first paragraph').click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await codeLens(ui, /Accept All \(2\)/).waitFor({ timeout: 30_000 });
    await codeLens(ui, /2 of 2 changes left/).waitFor();
    assert.match(await editorText(page), /A first paragraph about the trip\./, 'the text itself is still the original');
    for (const [theme, name] of themes) {
      await switchTheme(page, theme);
      await saveScreenshot(page, `tracked-changes-en-${name}.png`);
    }
    await switchTheme(page, 'Default Light Modern');

    // The keyboard takes the writer to the first change; the hover there offers Accept, clicked with the mouse.
    await line(ui, 'A first paragraph').click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Alt+BracketRight');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'Inkwell suggests' });
    await hover.waitFor();
    await saveScreenshot(page, 'tracked-changes-hover.png');
    await hover.locator('a', { hasText: 'Accept' }).first().click();
    await codeLens(ui, /1 of 2 changes left/).waitFor();
    assert.match(await editorText(page), /A first paragraph about our long trip\./);
    await codeLens(ui, 'Reject All').click();
    await codeLens(ui, 'Reject All').waitFor({ state: 'detached' });
    assert.match(await editorText(page), /A first paragraph about our long trip\.\s+The end\./);
    // Once the review is over, one undo takes the whole operation back.
    await line(ui, 'A first paragraph').click();
    await page.keyboard.press('Control+Z');
    await line(ui, 'A first paragraph about the trip.').waitFor();
  });

  it('keeps insertions and deletions clear on Chinese text in light, dark and high contrast, and accepts all from the editor title', async () => {
    const { page } = ui;
    await addParagraphUnderTitle(ui, '潮汐每天涨落两次，因为月球的引力牵引着海水。这个现象很常见。');
    server.enqueue({ kind: 'reply', text: '潮汐每天涨落两次，这是因为月球的引力一直牵引着海水。这个现象非常常见。' });
    await line(ui, /潮汐每天/).click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await codeLens(ui, /Accept All/).waitFor({ timeout: 30_000 });
    for (const [theme, name] of themes) {
      await switchTheme(page, theme);
      await saveScreenshot(page, `tracked-changes-zh-${name}.png`);
    }
    await switchTheme(page, 'Default Light Modern');
    await page.locator('.editor-actions .action-label[aria-label^="Accept All Changes"]').click();
    await codeLens(ui, /Accept All/).waitFor({ state: 'detached' });
    assert.match(await editorText(page), /潮汐每天涨落两次，这是因为月球的引力一直牵引着海水。这个现象非常常见。/);
  });

  it('flags in the review a link the rewrite dropped, and says so before anything is accepted', async () => {
    const { page } = ui;
    await addParagraphUnderTitle(ui, 'Read the tide tables at https://tides.example/today before you go out.');
    server.enqueue({ kind: 'reply', text: 'Read the tide tables before you go out.' });
    await line(ui, 'tide tables').click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await codeLens(ui, 'check before accepting: 1 link changed or missing').waitFor({ timeout: 30_000 });
    await page.locator('.notifications-toasts', { hasText: 'check the proposal before accepting: 1 link changed or missing' }).waitFor();
    await saveScreenshot(page, 'tracked-changes-dropped-link.png');
    await codeLens(ui, 'Reject All').click();
    await codeLens(ui, 'check before accepting').waitFor({ state: 'detached' });
    assert.match(await editorText(page), /Read the tide tables at https:\/\/tides\.example\/today before you go out\./);
  });

  it('drops a review open when the window reloads, with the original in the editor and on disk', async () => {
    const { page } = ui;
    const file = path.join(ui.workspace, 'notes.md');
    await line(ui, 'A first paragraph').waitFor();
    const before = fs.readFileSync(file, 'utf8');
    server.enqueue({ kind: 'reply', text: 'A first paragraph about our long trip to the sea.' });
    await line(ui, 'A first paragraph').click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Improve Writing');
    await codeLens(ui, /Accept All \(2\)/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'autosave wrote no undecided proposal');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await line(ui, 'A first paragraph about the trip.').waitFor({ timeout: 60_000 });
    // Long enough for a restored review to have drawn its CodeLens and decorations.
    await page.waitForTimeout(3000);
    assert.strictEqual(await codeLens(ui, /Accept All/).count(), 0, 'no review is left to decide');
    assert.strictEqual(
      await page.locator('.monaco-editor .view-line', { hasText: 'our long trip' }).count(),
      0,
      'the proposal was not written into the text',
    );
    assert.strictEqual(await page.locator('.statusbar-item', { hasText: /changes? left/ }).count(), 0);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'the file on disk holds the original');
    await saveScreenshot(page, 'tracked-changes-after-reload.png');
  });
});
