import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/installVsCodeServer';
import { nlsProblems, readManifest, readNls, readRawManifest } from '../support/manifestStrings';
import { FakeOpenAIServer } from '../support/openaiServer';
import { ensurePackagedVsix } from '../support/packagedVsix';
import { ask, editorText, openChat, runCommand, saveScreenshot, startChatHost, waitForIdle, type ChatHost } from './chatUiKit';

/**
 * The smoke suite of the package: what `npm run package` builds, installed
 * with `--install-extension` as a person installs it, with no development
 * path given, so a file the VSIX lacks fails here.
 */
describe('Inkwell installed from its VSIX', function () {
  this.timeout(180_000);
  let server: FakeOpenAIServer;
  let ui: ChatHost;
  let installedDir: string;

  before(async () => {
    const vsix = ensurePackagedVsix();
    const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, string>;
    server = await FakeOpenAIServer.start();
    ui = await startChatHost(server, { label: 'ui-installed-vsix', installExtension: vsix });
    installedDir = path.join(ui.host.extensionsDir, `${publisher}.${name}-${version}`);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(ui.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await ui?.close();
    await server?.close();
  });

  it('activates from the server extensions folder, not from the repository', async () => {
    assert.ok(fs.existsSync(path.join(installedDir, 'dist', 'extension.js')), `${installedDir} holds no dist/extension.js`);
    const chat = await openChat(ui.page);
    // The page's script address comes from the running extension's own extensionUri.
    const script = decodeURIComponent((await chat.locator('script[src]').getAttribute('src')) ?? '');
    assert.ok(script.includes(`${installedDir}/dist/webview.js`), `chat script ${script} is not under ${installedDir}`);
    assert.ok(!script.includes(repoRoot), `chat script ${script} comes from the repository`);
  });

  it('carries the manifest in English and Simplified Chinese, with the Chinese walkthrough Markdown', () => {
    assert.deepStrictEqual(nlsProblems(readRawManifest(installedDir), readNls('en', installedDir), readNls('zh-cn', installedDir)), []);
    assert.deepStrictEqual(readNls('zh-cn', installedDir), readNls('zh-cn'), 'the Chinese of the repository');
    const chinese = readManifest<{ contributes: { walkthroughs: Array<{ steps: Array<{ media: { markdown: string } }> }> } }>(
      'zh-cn',
      installedDir,
    );
    for (const step of chinese.contributes.walkthroughs[0].steps) {
      assert.match(step.media.markdown, /\/zh-cn\//);
      assert.ok(fs.existsSync(path.join(installedDir, step.media.markdown)), `${step.media.markdown} is not in the VSIX`);
    }
  });

  it('answers in the chat view through the local server', async () => {
    const chat = await openChat(ui.page);
    server.enqueue({ kind: 'reply', text: 'Installed and **answering**.' });
    await ask(chat, 'Are you there?');
    await chat.locator('.message.assistant .message-body strong', { hasText: 'answering' }).waitFor();
    await waitForIdle(chat);
    await saveScreenshot(ui.page, 'installed-chat.png');
  });

  it('summarizes a selected paragraph into the document end to end', async () => {
    const { page } = ui;
    server.enqueue({ kind: 'reply', text: 'Summary from the installed extension.' });
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).first().click();
    const paragraph = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'A first paragraph' }).first();
    await paragraph.click({ clickCount: 3 });
    await runCommand(page, 'Inkwell: Summarize Selection');
    await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: /Summary\sfrom\sthe\sinstalled/ }).waitFor();
    assert.match(await editorText(page), /A first paragraph about the trip\.\s+Summary from the installed extension\.\s+The end\./);
    const sent = JSON.stringify(server.requests.at(-1)?.chat?.messages);
    assert.ok(sent.includes('A first paragraph about the trip.'), `the request did not carry the paragraph: ${sent}`);
  });
});
