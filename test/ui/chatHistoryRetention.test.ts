import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ask, conversationsDir, runCommand, storedConversation, useChatHost, waitForIdle } from './chatUiKit';

const dayMs = 24 * 60 * 60_000;
const retentionDays = 30;
/** How long after the seeding the "aging" chat crosses the retention period: longer than VS Code takes to start and Inkwell to activate. */
const crossesAfterMs = 120_000;

async function until(predicate: () => boolean, what: string, page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

describe('Chat history retention through inkwell.chat.historyRetentionDays, as the extension applies it', function () {
  this.timeout(300_000);
  let seededAt = Date.now();
  const expired = storedConversation('retention-expired', 'Unused for forty days', 1, seededAt - 40 * dayMs);
  const aging = storedConversation('retention-aging', 'Crosses the period while VS Code runs', 1, seededAt);
  const recent = storedConversation('retention-recent', 'Used yesterday', 1, seededAt - dayMs);
  // Dated when the host starts, not when mocha loads the file: the aging chat's time starts running then.
  before(() => {
    seededAt = Date.now();
    Object.assign(aging, storedConversation(aging.id, aging.title, 1, seededAt - retentionDays * dayMs + crossesAfterMs));
  });
  const ui = useChatHost({ label: 'ui-retention', seed: [expired, aging, recent], settings: { 'inkwell.chat.historyRetentionDays': retentionDays } });
  const saved = (): string[] => {
    const dir = conversationsDir(ui.host.dataDir);
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'index.json').sort() : [];
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

  it('deletes on the next save a chat that crossed the period while VS Code ran, and keeps the one saved', async () => {
    const { page } = ui.host;
    await page.waitForTimeout(Math.max(0, seededAt + crossesAfterMs + 1000 - Date.now()));
    assert.ok(saved().includes(`${aging.id}.json`), 'nothing deletes it before a save');
    const { chat } = ui;
    ui.server.enqueue({ kind: 'reply', text: 'Saved now.' });
    await ask(chat, 'A question that saves this chat');
    await waitForIdle(chat);
    await until(() => !saved().includes(`${aging.id}.json`), 'the aged chat to be deleted by the save', page);
    const left = saved();
    assert.strictEqual(left.length, 2, left.join(', '));
    assert.ok(left.includes(`${recent.id}.json`), left.join(', '));
    const newest = left.find((name) => name !== `${recent.id}.json`)!;
    assert.match(fs.readFileSync(path.join(conversationsDir(ui.host.dataDir), newest), 'utf8'), /A question that saves this chat/);
  });
});
