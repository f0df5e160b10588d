import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ask, conversationsDir, runCommand, storedConversation, useChatHost, waitForIdle } from './chatUiKit';

const dayMs = 24 * 60 * 60_000;
const retentionDays = 30;
/** What the writer lowers the setting to while VS Code runs. */
const loweredDays = 20;

async function until(predicate: () => boolean, what: string, page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

describe('Chat history retention through inkwell.chat.historyRetentionDays, as the extension applies it', function () {
  this.timeout(300_000);
  const now = Date.now();
  const expired = storedConversation('retention-expired', 'Unused for forty days', 1, now - 40 * dayMs);
  const aging = storedConversation('retention-aging', 'Unused for twenty-five days', 1, now - 25 * dayMs);
  const recent = storedConversation('retention-recent', 'Used yesterday', 1, now - dayMs);
  const ui = useChatHost({
    label: 'ui-retention',
    seed: [expired, aging, recent],
    settings: { 'inkwell.chat.historyRetentionDays': retentionDays },
  });
  const saved = (): string[] => {
    const dir = conversationsDir(ui.host.dataDir);
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((name) => name.endsWith('.json') && name !== 'index.json')
          .sort()
      : [];
  };

  it('deletes at startup the chats unused for longer than the setting says, and lists only the others', async () => {
    const { page } = ui.host;
    await until(() => !saved().includes(`${expired.id}.json`), 'the expired chat to be deleted at startup', page, 60_000);
    assert.deepStrictEqual(saved(), [`${aging.id}.json`, `${recent.id}.json`]);
    const { chat } = ui;
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-item', { hasText: recent.title }).waitFor();
    assert.deepStrictEqual((await chat.locator('.history-item .history-title').allInnerTexts()).sort(), [aging.title, recent.title].sort());
    await chat.locator('.history-close').click();
  });

  it('deletes on the next save the chats a lowered setting puts out of time, and keeps the one saved', async () => {
    const { page } = ui.host;
    assert.ok(saved().includes(`${aging.id}.json`), 'nothing deletes it before a save');
    // The writer lowers the period in the Settings editor.
    await runCommand(page, 'Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .search-container .monaco-editor').first();
    await search.waitFor();
    await search.click();
    await page.keyboard.type('inkwell.chat.historyRetentionDays');
    const row = page.locator('.settings-editor .settings-tree-container .setting-item-contents', {
      has: page.locator('.setting-item-label', { hasText: /History Retention Days/ }),
    });
    const input = row.locator('input').first();
    await input.waitFor();
    await input.fill(String(loweredDays));
    await input.press('Tab');
    const { chat } = ui;
    await runCommand(page, 'View: Close All Editors');
    // The Settings editor writes on its own time: each question is a save, so ask until one comes after it.
    for (let attempt = 1; saved().includes(`${aging.id}.json`); attempt++) {
      assert.ok(attempt <= 3, 'a save after the lowered setting deletes the chat unused for longer');
      ui.server.enqueue({ kind: 'reply', text: 'Saved now.' });
      await ask(chat, `A question that saves this chat (${attempt})`);
      await waitForIdle(chat);
      await page.waitForTimeout(500);
    }
    const left = saved();
    assert.strictEqual(left.length, 2, left.join(', '));
    assert.ok(left.includes(`${recent.id}.json`), left.join(', '));
    const newest = left.find((name) => name !== `${recent.id}.json`)!;
    assert.match(fs.readFileSync(path.join(conversationsDir(ui.host.dataDir), newest), 'utf8'), /A question that saves this chat/);
  });
});
