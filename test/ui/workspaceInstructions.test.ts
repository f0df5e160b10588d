import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { saveScreenshot, useChatHost } from './chatUiKit';

describe('Workspace instructions, as a writer sees them', function () {
  this.timeout(300_000);
  const ui = useChatHost({ label: 'ui-workspace-instructions' });
  const note = () => ui.chat.locator('.chat-header .workspace-note');

  it('shows no workspace note while the workspace sets nothing', async () => {
    await ui.chat.locator('.chat-header .persona').waitFor();
    assert.equal(await note().isVisible(), false);
  });

  it('says "Workspace instructions active" in the chat header once the workspace sets the persona and language, naming them in its tooltip', async () => {
    fs.mkdirSync(path.join(ui.host.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(ui.host.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'inkwell.chat.systemPrompt': 'You are the house style guide.', 'inkwell.answerLanguage': 'Français' }),
    );
    await note().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await note().innerText(), 'Workspace instructions active');
    assert.equal(
      await note().getAttribute('title'),
      "This workspace's settings change what Inkwell asks: inkwell.chat.systemPrompt, inkwell.answerLanguage",
    );
    await saveScreenshot(ui.host.page, 'workspace-instructions-header.png');
  });

  it('drops the note when the workspace settings go', async () => {
    fs.rmSync(path.join(ui.host.workspace, '.vscode'), { recursive: true, force: true });
    await note().waitFor({ state: 'hidden', timeout: 30_000 });
  });
});
