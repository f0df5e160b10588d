import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { readManifest } from '../support/manifestStrings';
import { runCommand, saveScreenshot, switchTheme, useChatHost } from './chatUiKit';

const themes: ReadonlyArray<[string, string]> = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
  ['hc', 'Default High Contrast'],
];

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    configuration: Array<{ title: string; properties: Record<string, { description?: string; markdownDescription?: string }> }>;
    walkthroughs: Array<{ title: string; steps: Array<{ title: string }> }>;
    views: { inkwell: Array<{ name: string }> };
  };
}
const chinese = readManifest<Manifest>('zh-cn');
const english = readManifest<Manifest>('en');
const titleOf = (manifest: Manifest, id: string): string => {
  const command = manifest.contributes.commands.find((entry) => entry.command === id)!;
  return `${command.category}: ${command.title}`;
};
const descriptionOf = (manifest: Manifest, setting: string): string =>
  manifest.contributes.configuration.map((category) => category.properties[setting]).find(Boolean)!.description!;

/**
 * The titles of the Command Palette's visible rows for `filter`. A row of a
 * translated command also shows its English title on a second line.
 */
async function paletteRows(page: Page, filter: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${filter}`);
  const rows = page.locator('.quick-input-list .monaco-list-row:visible');
  await rows.first().waitFor();
  const titles: string[] = [];
  for (const row of await rows.all()) titles.push((await row.locator('.label-name').first().innerText()).replace(/\s+/g, ' ').trim());
  return titles;
}

describe('Inkwell in a workbench whose display language is Simplified Chinese', function () {
  this.timeout(300_000);
  const suite = useChatHost({ label: 'ui-chinese', displayLanguage: 'zh-cn' });
  let page: Page;
  before(() => (page = suite.host.page));

  it('opens the walkthrough with Chinese steps and the Chinese Markdown beside them', async () => {
    const walkthrough = chinese.contributes.walkthroughs[0];
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input');
    await input.fill(walkthrough.title);
    await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: walkthrough.title }).first().click();
    await page.getByText(walkthrough.steps[0].title, { exact: true }).first().waitFor({ timeout: 60_000 });
    for (const step of walkthrough.steps) assert.ok((await page.getByText(step.title, { exact: true }).count()) > 0, `step ${step.title}`);
    // The step's Markdown is drawn in a webview beside the chat's; either may be the first frame.
    const heading = '文字发往何处';
    const shown = async (): Promise<boolean> => {
      for (const frame of page.frames()) if ((await frame.getByRole('heading', { name: heading }).count()) > 0) return true;
      return false;
    };
    for (let waited = 0; !(await shown()); waited += 250) {
      assert.ok(waited < 30_000, `no webview shows the heading ${heading}`);
      await page.waitForTimeout(250);
    }
    // The Markdown's webview is laid over the editor once drawn: the chat's and this one.
    await page.locator('iframe.webview.ready:visible').nth(1).waitFor();
    await saveScreenshot(page, 'chinese-walkthrough-light.png');
    await runCommand(page, 'View: Close All Editors');
  });

  it('lists the commands in Chinese in the Command Palette, found by their Chinese or their English titles', async () => {
    const shown = await paletteRows(page, 'Inkwell');
    assert.ok(shown.includes(titleOf(chinese, 'inkwell.summarize')), `${titleOf(chinese, 'inkwell.summarize')} in ${shown.join(' | ')}`);
    // "Focus on {0} View" is VS Code's own string, English without a language pack; the view's name in it is Inkwell's.
    assert.ok(shown.includes(`Inkwell: Focus on ${chinese.contributes.views.inkwell[0].name} View`), shown.join(' | '));
    for (const row of shown.filter((title) => !title.includes('Focus on')))
      assert.match(row, /^Inkwell: .*\p{Script=Han}/u, `every title of Inkwell's is in Chinese: ${shown.join(' | ')}`);
    await page.keyboard.press('Escape');
    // VS Code keeps the English title beside a translated one, so a person who knows the English name still finds it.
    assert.equal((await paletteRows(page, titleOf(english, 'inkwell.improve')))[0], titleOf(chinese, 'inkwell.improve'));
    await page.keyboard.press('Escape');
    for (const [name, theme] of themes) {
      await switchTheme(page, theme);
      await paletteRows(page, 'Inkwell');
      await saveScreenshot(page, `chinese-palette-${name}.png`);
      await page.keyboard.press('Escape');
    }
    await switchTheme(page, 'Default Light Modern');
  });

  it("shows Inkwell's settings under Chinese headings with Chinese descriptions", async () => {
    await runCommand(page, 'Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .search-container .monaco-editor').first();
    await search.waitFor();
    await search.click();
    await page.keyboard.type('@ext:inkwell-writing.inkwell');
    const toc = page.locator('.settings-editor .settings-toc-container .monaco-list-row');
    await toc
      .filter({ hasText: chinese.contributes.configuration.at(-1)!.title })
      .first()
      .waitFor();
    const headings = (await toc.allInnerTexts()).map((text) => text.trim());
    for (const category of chinese.contributes.configuration)
      assert.ok(
        headings.some((text) => text.startsWith(category.title)),
        headings.join(' | '),
      );
    const provider = page.locator('.settings-editor .setting-item-contents', { hasText: descriptionOf(chinese, 'inkwell.provider') });
    await provider.first().waitFor();
    const descriptions = await page.locator('.settings-editor .settings-tree-container .setting-item-description').allInnerTexts();
    assert.ok(descriptions.length >= 3, `${descriptions.length} descriptions shown`);
    for (const text of descriptions) assert.match(text, /\p{Script=Han}/u, `a description in Chinese: ${text}`);
    for (const [name, theme] of themes) {
      await switchTheme(page, theme);
      await saveScreenshot(page, `chinese-settings-${name}.png`);
    }
    await switchTheme(page, 'Default Light Modern');
  });
});
