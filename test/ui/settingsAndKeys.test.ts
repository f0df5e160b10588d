import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { readManifest } from '../support/manifestStrings';
import { FakeOpenAIServer } from '../support/openaiServer';
import { startVsCodeHost, type VsCodeHost } from '../support/vscodeHost';
import { runCommand, saveScreenshot } from './chatUiKit';

const extensionId = 'inkwell-writing.inkwell';
const manifestCategories = readManifest<{
  contributes: { configuration: Array<{ title: string; properties: Record<string, unknown> }> };
}>().contributes.configuration;

/** The label the Settings editor derives from a setting's last name part: `requestTimeoutSeconds` → `Request Timeout Seconds`. */
function settingLabel(name: string): string {
  const last = name.split('.').at(-1)!;
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (letter) => letter.toUpperCase());
}

/** The toast whose text matches, once it is up. */
async function notification(page: Page, text: RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: 30_000 });
  return (await toast.innerText()).replace(/\s+/g, ' ');
}

async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
}

describe('Settings and keys, as a person uses them', function () {
  this.timeout(180_000);
  let server: FakeOpenAIServer;
  let host: VsCodeHost;
  let dataDir: string;

  before(async () => {
    server = await FakeOpenAIServer.start({ requireApiKey: 'sk-ui-right-key' });
    // The walkthrough would open over the Settings editor on first start; a server window reads this machine setting.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-ui-settings-'));
    fs.mkdirSync(path.join(dataDir, 'data', 'Machine'), { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, 'data', 'Machine', 'settings.json'),
      JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }),
    );
    host = await startVsCodeHost({
      label: 'ui-settings',
      colorTheme: 'Default Light Modern',
      // Tall enough that the Settings editor draws all of Inkwell's settings at once.
      viewport: { width: 1400, height: 4200 },
      userSettings: {
        'inkwell.baseUrl': server.baseUrl,
        'inkwell.model': 'test-model',
        'inkwell.maxRetries': 0,
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
      },
      serverDataDir: dataDir,
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(host.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await host?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await server?.close();
  });

  it('shows the settings under Connection, Writing, Chat and Advanced, every one editable in place', async () => {
    const { page } = host;
    await runCommand(page, 'Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .search-container .monaco-editor').first();
    await search.waitFor();
    await search.click();
    await page.keyboard.type(`@ext:${extensionId}`);
    const toc = page.locator('.settings-editor .settings-toc-container .monaco-list-row');
    await toc.filter({ hasText: 'Advanced' }).first().waitFor();
    const tocText = (await toc.allInnerTexts()).join(' | ');
    for (const [earlier, later] of [
      ['Connection', 'Writing'],
      ['Writing', 'Chat'],
      ['Chat', 'Advanced'],
    ]) {
      assert.ok(tocText.indexOf(earlier) < tocText.indexOf(later), `${earlier} before ${later} in ${tocText}`);
    }
    const rows = page.locator('.settings-editor .settings-tree-container .monaco-list-row .setting-item-contents');
    await rows.first().waitFor();
    // The viewport is tall enough for the list to draw all of them at once; it draws them in steps.
    const settingCount = manifestCategories.reduce((sum, category) => sum + Object.keys(category.properties).length, 0);
    for (let waited = 0; (await rows.count()) !== settingCount; waited += 100) {
      assert.ok(waited < 15_000, `the Settings editor shows ${await rows.count()} settings, not ${settingCount}`);
      await page.waitForTimeout(100);
    }
    const labels = (await page.locator('.settings-editor .settings-tree-container .setting-item-label').allInnerTexts()).map((label) =>
      label.trim(),
    );
    assert.deepStrictEqual(
      labels,
      manifestCategories.flatMap((category) => Object.keys(category.properties)).map(settingLabel),
      "in the manifest's order, Provider, Base Url and Model first",
    );
    assert.deepStrictEqual(labels.slice(0, 3), ['Provider', 'Base Url', 'Model']);
    const seen = new Set<string>();
    const needsJson = new Set<string>();
    for (const row of await rows.all()) {
      const name =
        `${await row.locator('.setting-item-category').innerText()}${await row.locator('.setting-item-label').innerText()}`.trim();
      seen.add(name);
      // A list of profiles (objects) is one the Settings editor cannot edit in place: Choose Provider and Switch Profile edit it.
      if (name !== 'Inkwell: Profiles' && (await row.locator('.edit-in-settings-button').count())) needsJson.add(name);
    }
    // inkwell.prompts: a title and its prompt, typed into the row itself.
    const prompts = rows.filter({ has: page.locator('.setting-item-label', { hasText: /^Prompts$/ }) });
    await prompts.locator('.monaco-button', { hasText: 'Add Item' }).click();
    assert.strictEqual(await prompts.locator('.setting-list-object-input-key input').count(), 1, 'a box for the title');
    assert.strictEqual(await prompts.locator('.setting-list-object-input-value input').count(), 1, 'a box for the prompt');
    await page.keyboard.press('Escape');
    await saveScreenshot(page, 'settings-light.png');
    await page.keyboard.press('Escape');
    assert.strictEqual(seen.size, settingCount, `every setting was looked at: ${[...seen].join(' | ')}`);
    assert.deepStrictEqual([...needsJson], [], 'settings that only settings.json can edit');
  });

  it('forgets a key set before Reload Window in the server build, and then says no key is stored', async () => {
    const { page } = host;
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Inkwell: Set API Key');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'API key for 127.0.0.1' }).waitFor();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill('sk-ui-right-key');
    await input.press('Enter');
    await page.locator('.statusbar', { hasText: 'API key saved for 127.0.0.1' }).waitFor();
    await runCommand(page, 'Inkwell: Test Connection');
    assert.match(await notification(page, /connected/), /Inkwell: connected\./);
    await clearNotifications(page);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await runCommand(page, 'Inkwell: Test Connection');
    const shown = await notification(page, /No key stored/);
    assert.ok(shown.includes(`No key stored for ${server.origin} and the server asks for one (401).`), shown);
    assert.ok(shown.includes('set it again'), shown);
    assert.ok(!/rejected/.test(shown), shown);
    assert.ok(
      await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Set API Key' }).first().isVisible(),
    );
    // Why it is gone: the workbench could not seal the secrets for localStorage, so they lived in the page only.
    assert.strictEqual(await page.evaluate(() => window.localStorage.getItem('secrets.provider')), null);
    await saveScreenshot(page, 'key-gone-after-reload-light.png');
    const lastRequest = server.requests.at(-1)!;
    assert.strictEqual(lastRequest.headers.authorization, undefined, 'after the reload no key was sent');
  });

  it('saves a model id typed in Choose Provider that the endpoint does not list, tests it, and keeps the success message in the notification centre', async () => {
    const { page } = host;
    await clearNotifications(page).catch(() => undefined);
    await runCommand(page, 'Inkwell: Choose Provider');
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    await widget.locator('.monaco-list-row', { hasText: 'Custom OpenAI-compatible endpoint' }).first().click();
    await widget.locator('.quick-input-title', { hasText: 'base URL' }).waitFor();
    assert.strictEqual(await input.inputValue(), server.baseUrl, 'the base URL box holds the current value');
    await input.press('Enter');
    // No key is stored since the reload: Choose Provider asks for it.
    await widget.locator('.quick-input-title', { hasText: 'API key for 127.0.0.1' }).waitFor();
    await widget.locator('input[type="password"]').fill('sk-ui-right-key');
    await widget.locator('input[type="password"]').press('Enter');
    await widget.locator('.monaco-list-row', { hasText: 'deepseek-chat' }).first().waitFor();
    await input.fill('my-own-model');
    const typed = widget.locator('.monaco-list-row', { hasText: 'Use the model id as typed' });
    await typed.waitFor();
    await typed.click();
    const shown = await notification(page, /Inkwell is ready/);
    assert.match(shown, /Inkwell is ready: Custom OpenAI-compatible endpoint, model "my-own-model" answered in \d+ ms\./);
    assert.strictEqual(
      server.requests.filter((request) => request.chat).at(-1)?.chat?.model,
      'my-own-model',
      'the typed id was saved and tested',
    );
    // It lasts: a notification with next steps, kept in the notification centre after its toast goes.
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item', { hasText: 'Inkwell is ready' }).waitFor();
    assert.ok(
      await page
        .locator('.notifications-center .notification-list-item', { hasText: 'Inkwell is ready' })
        .locator('.monaco-button', { hasText: 'Open Chat' })
        .isVisible(),
    );
    await page.keyboard.press('Escape');
  });
});
