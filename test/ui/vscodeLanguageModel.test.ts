import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { FakeOpenAIServer } from '../support/openaiServer';
import { registeredFromStartEnv, testLanguageModelFolder } from '../support/testLanguageModel';
import { editorText, runCommand, saveScreenshot, startChatHost, type ChatHost } from './chatUiKit';

const modelId = 'inkwell-test-echo';

describe('A newcomer whose VS Code already has a language model', function () {
  this.timeout(300_000);
  let unused: FakeOpenAIServer;
  let host: ChatHost;
  let page: Page;

  before(async () => {
    unused = await FakeOpenAIServer.start();
    host = await startChatHost(unused, {
      label: 'ui-vscode-language-model',
      nothingConfigured: true,
      extensionFolders: [testLanguageModelFolder],
      env: registeredFromStartEnv,
    });
    page = host.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await host?.close();
    await unused?.close();
  });

  it("is offered VS Code's model on the first Summarize, and picking it writes that model's answer below the selection", async () => {
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).first().click();
    const lines = page.locator('.editor-group-container.active .monaco-editor .view-line');
    await lines.filter({ hasText: 'The end.' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('[[a trip in one line]]');
    await page.keyboard.press('Shift+Home');
    await runCommand(page, 'Inkwell: Summarize Selection');

    const offer = page.locator('.quick-input-widget', { hasText: 'no provider is set up yet' });
    const row = offer.locator('.monaco-list-row', { hasText: modelId });
    await row.waitFor();
    assert.match(await row.innerText(), /VS Code \(inkwell-test\)/);
    await saveScreenshot(page, 'first-use-offer-vscode-model.png');
    await row.click();

    await lines
      .filter({ hasText: /Echo\sfrom\sthe\stest\smodel:\sa\strip\sin\sone\sline\./ })
      .first()
      .waitFor();
    assert.match(await editorText(page), /\[\[a trip in one line\]\]\s+Echo from the test model: a trip in one line\./);
    assert.equal(unused.requests.length, 0, 'nothing went to an OpenAI-compatible endpoint');
  });
});
