import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { startVsCodeHost, type VsCodeHost } from '../support/vscodeHost';
import { runCommand, runOnWholeText, saveScreenshot } from './chatUiKit';

/** `.invalid` never resolves (RFC 6761): once allowed, the request fails as "the host name does not resolve", which shows it was sent. */
const origin = 'https://ui-consent.inkwell-test.invalid';

function dialog(page: Page) {
  return page.locator('.monaco-dialog-box', { hasText: `Send your text to ${origin}?` });
}

async function notification(page: Page, text: RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: 30_000 });
  return (await toast.innerText()).replace(/\s+/g, ' ');
}

function summarizeSomething(page: Page): Promise<void> {
  return runOnWholeText(page, 'Inkwell: Summarize Selection');
}

describe('Asking before text goes to a new endpoint, as a person sees it', function () {
  this.timeout(180_000);
  let host: VsCodeHost;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-ui-consent-'));
    fs.mkdirSync(path.join(dataDir, 'data', 'Machine'), { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, 'data', 'Machine', 'settings.json'),
      JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }),
    );
    host = await startVsCodeHost({
      label: 'ui-consent',
      userSettings: {
        'inkwell.baseUrl': `${origin}/v1`,
        'inkwell.model': 'test-model',
        'inkwell.maxRetries': 0,
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
      },
      serverDataDir: dataDir,
    });
    const { page } = host;
    await runCommand(page, 'Inkwell: Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill('sk-ui-consent');
    await input.press('Enter');
    await page.locator('.statusbar', { hasText: 'API key saved for ui-consent.inkwell-test.invalid' }).waitFor();
    await runCommand(page, 'File: New Untitled Text File');
    await page.keyboard.type('A paragraph that must not leave without asking.');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(host.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await host?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks "Send your text to https://…?" first, and sends nothing on Cancel', async () => {
    const { page } = host;
    await summarizeSomething(page);
    await dialog(page).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'consent-new-origin.png');
    await dialog(page).locator('.monaco-button', { hasText: 'Cancel' }).click();
    const shown = await notification(page, /Nothing was sent/);
    assert.ok(shown.includes(`"Send your text to ${origin}?"`), shown);
  });

  it('sends once allowed, and remembers the answer for the origin', async () => {
    const { page } = host;
    await summarizeSomething(page);
    await dialog(page).waitFor({ timeout: 30_000 });
    await dialog(page)
      .locator('.monaco-button', { hasText: /^Send$/ })
      .click();
    assert.match(
      await notification(page, /Cannot reach/),
      /Cannot reach https:\/\/ui-consent\.inkwell-test\.invalid: the host name does not resolve/,
    );
    await summarizeSomething(page);
    assert.match(await notification(page, /Cannot reach/), /the host name does not resolve/);
    assert.strictEqual(await dialog(page).count(), 0, 'not asked a second time');
  });
});
