import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { FakeOpenAIServer } from '../support/openaiServer';
import { ask, openChat, saveScreenshot, startChatHost, waitForIdle, type ChatHost } from './chatUiKit';

describe('Profiles, as a writer sees them', function () {
  this.timeout(300_000);
  let drafts: FakeOpenAIServer;
  let review: FakeOpenAIServer;
  let host: ChatHost;
  let page: Page;
  let chat: FrameLocator;
  // VS Code gives an extension's status bar item the id `<extension id>.<item id>`.
  const statusItem = (name: string) => page.locator('.part.statusbar [id="inkwell-writing.inkwell.inkwell.profile"]', { hasText: name });
  const headerProfile = () => chat.locator('.chat-header .profile-button');

  before(async () => {
    drafts = await FakeOpenAIServer.start();
    review = await FakeOpenAIServer.start();
    host = await startChatHost(drafts, {
      label: 'ui-profiles',
      settings: {
        'inkwell.profiles': [
          { name: 'Drafts', provider: 'openai', baseUrl: drafts.baseUrl, model: 'test-model' },
          { name: 'Review', provider: 'openai', baseUrl: review.baseUrl, model: 'test-model' },
        ],
        'inkwell.activeProfile': 'Drafts',
      },
    });
    page = host.page;
    chat = await openChat(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await host?.close();
    await drafts?.close();
    await review?.close();
  });

  it('shows the active profile in the status bar and the chat header', async () => {
    await statusItem('Drafts').waitFor({ timeout: 30_000 });
    assert.equal(await headerProfile().innerText(), 'Drafts ▾');
    assert.equal(await headerProfile().getAttribute('aria-label'), 'Profile: Drafts. Switch profile');
    await saveScreenshot(page, 'profiles-status-bar-and-header.png');
  });

  it('switches from the status bar, and the next chat answer comes from the other profile', async () => {
    await statusItem('Drafts').click();
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'Review' }).first().waitFor();
    assert.match((await rows.allInnerTexts()).join(' | '), /Drafts.*active.*Review.*New Profile/s);
    await saveScreenshot(page, 'profiles-switch-pick.png');
    await rows.filter({ hasText: 'Review' }).first().click();
    await statusItem('Review').waitFor();
    await chat.locator('.chat-header .profile-button', { hasText: 'Review' }).waitFor();
    review.enqueue({ kind: 'reply', text: 'From the review server.' });
    await ask(chat, 'Which server answers?');
    await waitForIdle(chat);
    assert.equal(review.requests.filter((request) => request.chat).length, 1);
    assert.equal(drafts.requests.filter((request) => request.chat).length, 0);
    await saveScreenshot(page, 'profiles-switched.png');
  });

  it('opens the same switch from the chat header', async () => {
    await headerProfile().click();
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'Drafts' }).first().click();
    await statusItem('Drafts').waitFor();
    await chat.locator('.chat-header .profile-button', { hasText: 'Drafts' }).waitFor();
  });
});
