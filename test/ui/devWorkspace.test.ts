import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { devPaths, seedWorkspace } from '../support/devWorkspace';
import { vscodeTestDir } from '../support/installVsCodeServer';
import { startVsCodeHost } from '../support/vscodeHost';
import { saveScreenshot } from './chatUiKit';

const parentRepositoryQuestion = /git repository was found in the parent folders/i;

function notifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
}

describe('The npm start workspace in VS Code', function () {
  this.timeout(240_000);
  let scratch: string;
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-dev-home-ui-'));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('opens with the samples and no question about a parent git repository, which a folder inside the repository gets', async () => {
    // The control: a folder inside the repository, where the old workspace lived.
    const inside = fs.mkdtempSync(path.join(vscodeTestDir, 'workspace-inside-repo-'));
    let askedAfterMs: number;
    const control = await startVsCodeHost({ label: 'ui-dev-workspace-inside', workspaceFolder: inside });
    try {
      const opened = Date.now();
      await control.page
        .locator('.notifications-toasts .notification-list-item-message', { hasText: parentRepositoryQuestion })
        .waitFor({ timeout: 60_000 });
      askedAfterMs = Date.now() - opened;
    } finally {
      await control.close();
      fs.rmSync(inside, { recursive: true, force: true });
    }

    const { workspace, seedRecord } = devPaths(scratch);
    seedWorkspace(workspace, seedRecord);
    const host = await startVsCodeHost({ label: 'ui-dev-workspace', workspaceFolder: workspace, colorTheme: 'Default Light Modern' });
    try {
      const { page } = host;
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'zh-city-cycling-guide.md' }).click();
      await page.locator('.monaco-editor .view-lines', { hasText: '城市骑行入门指南' }).waitFor();
      // Twice as long as the control took to ask, and never less than 10 s.
      await page.waitForTimeout(Math.max(10_000, 2 * askedAfterMs));
      const shown = await notifications(page);
      assert.ok(!shown.some((text) => parentRepositoryQuestion.test(text)), `asked: ${shown.join(' | ')}`);
      await saveScreenshot(page, 'dev-workspace-chinese-sample.png');
    } finally {
      await host.close();
    }
  });
});
