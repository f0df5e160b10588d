import * as assert from 'assert';
import type { Page } from 'playwright-core';
import type { FakeOpenAIServer } from '../support/openaiServer';
import { editorText, runCommand, runOnWholeText, saveScreenshot, useChatHost } from './chatUiKit';

/** Format-true but made up; assembled here so no key-shaped literal sits in the repository. */
const awsKey = ['AKIA', 'QYLPMN5HHHFPZAM2'].join('');
const question = 'The text contains what looks like an AWS key.';

function dialog(page: Page) {
  return page.locator('.monaco-dialog-box', { hasText: question });
}

/** The user messages of the chat completions the local server received. */
function sentTexts(server: FakeOpenAIServer): string[] {
  return server.requests.flatMap(
    (request) => request.chat?.messages.filter((message) => message.role === 'user').map((message) => String(message.content)) ?? [],
  );
}

describe("The secret guard's question, as a person answers it", function () {
  this.timeout(180_000);
  const ui = useChatHost({ label: 'ui-secret-guard' });

  before(async () => {
    await runCommand(ui.host.page, 'File: New Untitled Text File');
    await ui.host.page.keyboard.type(`Deploy with key ${awsKey} tonight.`);
  });
  beforeEach(() => ui.server.reset());

  // Cancel first: a Send Anyway or Remove and Send answer holds for the key until a reload, and would not ask again.
  it('asks with Send Anyway, Remove and Send and Cancel when no answer was given, and sends nothing on Cancel', async () => {
    const { page } = ui.host;
    ui.server.enqueue({ kind: 'reply', text: 'A summary that must not come.' });
    await runOnWholeText(page, 'Inkwell: Summarize Selection');
    await dialog(page).waitFor({ timeout: 30_000 });
    const buttons = (await dialog(page).locator('.monaco-button').allInnerTexts()).map((label) => label.trim());
    assert.deepStrictEqual([...buttons].sort(), ['Cancel', 'Remove and Send', 'Send Anyway']);
    await saveScreenshot(page, 'secret-guard-light.png');
    await dialog(page)
      .locator('.monaco-button', { hasText: /^Cancel$/ })
      .click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.locator('.statusbar', { hasText: 'Inkwell: cancelled.' }).waitFor({ timeout: 30_000 });
    assert.deepStrictEqual(sentTexts(ui.server), [], 'the local server received no chat request');
    assert.strictEqual((await editorText(page)).trim(), `Deploy with key ${awsKey} tonight.`);
  });

  it('sends the text with a placeholder in place of the key on Remove and Send, the answer Enter gives', async () => {
    const { page } = ui.host;
    ui.server.enqueue({ kind: 'reply', text: 'A deployment is planned.' });
    await runOnWholeText(page, 'Inkwell: Summarize Selection');
    await dialog(page).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'A deployment is planned.' }).waitFor({ timeout: 30_000 });
    const sent = sentTexts(ui.server);
    assert.strictEqual(sent.length, 1, JSON.stringify(sent));
    assert.ok(sent[0].includes('Deploy with key [removed: AWS key] tonight.'), sent[0]);
    assert.ok(!sent[0].includes(awsKey), 'the key never reached the server');
    assert.ok((await editorText(page)).includes(`Deploy with key ${awsKey} tonight.`), "the document keeps the writer's own text");
  });
});
