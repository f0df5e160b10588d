import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { FakeOpenAIServer } from '../support/openaiServer';
import { ask, inChat, openChat, runCommand, startChatHost, waitForIdle, type ChatHost } from './chatUiKit';

/**
 * Model output is untrusted. The local server answers with hostile markdown;
 * the test proves nothing ran, nothing was fetched from outside, and links
 * open only through the extension, only for http(s), only on click.
 */
const hostileAnswer = [
  'Here is your text.',
  '<script>window.__pwned = "script"; parent.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg-script"</script></svg>',
  '<iframe src="https://evil.invalid/frame"></iframe>',
  '<a href="javascript:window.__pwned = \'raw-a\'">raw anchor</a>',
  "[javascript link](javascript:window.__pwned='js-link')",
  "[entity javascript link](&#x6A;avascript:window.__pwned='entity')",
  '[command link](command:workbench.action.terminal.new)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![tracking pixel](https://tracker.invalid/pixel.png?leak=1)',
  '![svg image](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=)',
  '&lt;img src=x onerror="window.__pwned=\'entity-img\'"&gt; and &#60;script&#62;window.__pwned=1&#60;/script&#62;',
  '<style>body { background: url(https://tracker.invalid/css.png) }</style>',
  '```html\n<script>window.__pwned = "in code"</script>\n```',
  '[a safe link](https://example.com/safe)',
  "javascript:alert('https://evil.invalid/glued')\"></template><img src=x>')",
  '[https://bank.example/login](https://evil.invalid/login)',
  '[local status](http://127.0.0.1:9/status?token=the-users-selection)',
  '3. third\n4. fourth',
  '| left | centre | right |\n|:--|:-:|--:|\n| a | b | c |',
].join('\n\n');

/** Requests the page may make: the VS Code server itself, and the webview's local resources (served by its service worker). */
function isAllowedRequest(url: string): boolean {
  if (/^(data|blob):/.test(url)) return true;
  const { protocol, hostname } = new URL(url);
  return (
    (protocol === 'http:' && hostname === '127.0.0.1') || (protocol === 'https:' && hostname.endsWith('.vscode-resource.vscode-cdn.net'))
  );
}

describe('The chat against hostile model output', function () {
  this.timeout(180_000);
  let server: FakeOpenAIServer;
  let host: ChatHost;
  let page: Page;
  let chat: FrameLocator;
  const requests: string[] = [];
  /** Requests the browser refused to send, with why (e.g. blocked by the CSP). */
  const refused = new Map<string, string>();

  before(async () => {
    server = await FakeOpenAIServer.start();
    host = await startChatHost(server, { label: 'ui-chat-xss' });
    page = host.page;
    page.context().on('request', (request) => requests.push(request.url()));
    page.context().on('requestfailed', (request) => refused.set(request.url(), request.failure()?.errorText ?? ''));
    chat = await openChat(page);
    server.enqueue({ kind: 'reply', text: hostileAnswer, tokensPerSecond: 400 });
    await ask(chat, 'Format this for me');
    await waitForIdle(chat);
  });

  after(async () => {
    await host?.close();
    await server?.close();
  });

  const answer = (): ReturnType<FrameLocator['locator']> => chat.locator('.message.assistant').last();

  it('runs no script from the answer', async () => {
    assert.equal(await inChat(chat, () => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    const inMessages = await answer().evaluate((element) => ({
      scripts: element.querySelectorAll('script').length,
      handlers: Array.from(element.querySelectorAll('*')).flatMap((node) =>
        node.getAttributeNames().filter((name) => name.startsWith('on')),
      ),
      dangerous: element.querySelectorAll('iframe, svg, object, embed, style, form, img').length,
      hrefs: element.querySelectorAll('a[href]').length,
    }));
    assert.deepEqual(inMessages, { scripts: 0, handlers: [], dangerous: 0, hrefs: 0 });
    const pageScripts = await inChat(chat, () =>
      Array.from(document.scripts).map((script) => (script.src ? 'external' : script.id || 'inline')),
    );
    assert.deepEqual(pageScripts.sort(), ['_vscodeApiScript', 'external'], "only VS Code's API shim and the nonce-bearing bundle");
  });

  it('shows the hostile markup as text, and code as code', async () => {
    const text = await answer().locator('.message-body').innerText();
    assert.match(text, /<script>window.__pwned = "script"; parent.__pwned = "script"<\/script>/);
    assert.match(text, /<img src=x onerror=/);
    assert.equal(await answer().locator('.code-block code', { hasText: '<script>window.__pwned = "in code"</script>' }).count(), 1);
  });

  it('turns a remote markdown image into a link and never fetches it', async () => {
    const link = answer().locator('a.image-link');
    // The whole address, query included: what a click would send is in plain sight.
    assert.equal(await link.innerText(), 'Image: tracking pixel (https://tracker.invalid/pixel.png?leak=1)');
    assert.equal(await link.getAttribute('data-href'), 'https://tracker.invalid/pixel.png?leak=1');
    assert.deepEqual(
      requests.filter((url) => /tracker\.invalid|evil\.invalid/.test(url)),
      [],
    );
  });

  it('requested nothing from outside the VS Code server', () => {
    assert.ok(requests.length > 0, 'the request log works');
    assert.deepEqual(
      requests.filter((url) => !isAllowedRequest(url)),
      [],
    );
  });

  it('leaves javascript:, command: and data: links inert when clicked', async () => {
    for (const label of ['javascript link', 'entity javascript link', 'command link', 'data link', 'raw anchor']) {
      const target = answer().getByText(label, { exact: false }).first();
      if (await target.count()) await target.click();
    }
    await page.waitForTimeout(1000);
    assert.equal(await inChat(chat, () => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "open external link" prompt');
    assert.equal(await page.locator('.terminal-wrapper').count(), 0, 'the command: link did not run a command');
    assert.equal(page.context().pages().length, 1, 'no window opened');
  });

  /** Clicks a link of the answer and returns the text of the dialog Inkwell shows, then leaves it with Escape. */
  async function inkwellPromptFor(href: string): Promise<string> {
    await answer().locator(`a[data-href="${href}"]`).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    const text = await dialog.innerText();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    return text;
  }

  it('opens an https link only through the extension, after a click and after showing where it goes', async () => {
    await answer().locator('a[data-href="https://example.com/safe"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /Open this link from the answer\?[\s\S]*https:\/\/example\.com\/safe/);
    await dialog.getByRole('button', { name: 'Open' }).click();
    // Then VS Code's link protection asks before opening an external site: proof the request reached openExternal.
    await page.waitForFunction(
      () => /Do you want .* to open the external website/.test(document.querySelector('.monaco-dialog-box')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
    assert.match(await dialog.innerText(), /example\.com/);
    await page.keyboard.press('Escape');
    assert.deepEqual(
      requests.filter((url) => url.includes('example.com')),
      [],
      'nothing was fetched by the click itself',
    );
  });

  it("says so when a link's text names another host than the one it opens", async () => {
    const text = await inkwellPromptFor('https://evil.invalid/login');
    assert.match(text, /text names bank\.example, but it opens evil\.invalid/);
    assert.deepEqual(
      requests.filter((url) => url.includes('evil.invalid')),
      [],
    );
  });

  it('asks before opening a link to this computer, showing its whole query', async () => {
    const text = await inkwellPromptFor('http://127.0.0.1:9/status?token=the-users-selection');
    assert.match(text, /http:\/\/127\.0\.0\.1:9\/status\?token=the-users-selection/);
    assert.match(text, /127\.0\.0\.1 is on this computer or your local network/);
    assert.equal(page.context().pages().length, 1, 'nothing opened');
  });

  it('ends a URL inside hostile markup where the markup starts', async () => {
    assert.equal(
      await answer().locator('a[data-href^="https://evil.invalid/glued"]').getAttribute('data-href'),
      'https://evil.invalid/glued',
    );
    assert.match(await answer().locator('.message-body').innerText(), /https:\/\/evil\.invalid\/glued'\)"><\/template><img src=x>'\)/);
  });

  it('keeps the number an ordered list starts at and the alignment of table columns', async () => {
    const list = answer().locator('ol', { hasText: 'third' });
    assert.equal(await list.getAttribute('start'), '3');
    const alignments = await answer()
      .locator('table td')
      .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).textAlign));
    assert.deepEqual(alignments, ['left', 'center', 'right']);
  });

  it('has a nonce CSP with default-src none and Trusted Types that block injected script and remote images, and reports them', async () => {
    const csp = await inChat(chat, () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types dompurify/);
    assert.deepEqual(await inChat(chat, () => window.inkwellDiagnostics!.cspViolations.length), 0, 'the answer itself caused no violation');
    const sink = await inChat(chat, () => {
      try {
        document.createElement('div').innerHTML = '<img src=x onerror="window.__pwned = 1">';
        return 'assigned';
      } catch {
        return 'refused';
      }
    });
    assert.equal(sink, 'refused', 'a string reaches innerHTML only through DOMPurify');
    const attempts = await inChat(chat, () => {
      const refusedOrAssigned = (attempt: () => void): string => {
        try {
          attempt();
          return 'assigned';
        } catch {
          return 'refused';
        }
      };
      const script = document.createElement('script');
      const handler = document.createElement('button');
      const results = {
        scriptText: refusedOrAssigned(() => (script.textContent = 'window.__pwned = "injected"')),
        scriptSrc: refusedOrAssigned(() => script.setAttribute('src', 'https://evil.invalid/x.js')),
        inlineHandler: refusedOrAssigned(() => handler.setAttribute('onclick', 'window.__pwned = "handler"')),
      };
      document.body.append(script, handler);
      handler.click();
      const image = document.createElement('img');
      image.src = 'https://tracker.invalid/direct.png';
      document.body.append(image);
      return results;
    });
    assert.deepEqual(attempts, { scriptText: 'refused', scriptSrc: 'refused', inlineHandler: 'refused' });
    await page.waitForTimeout(500);
    const violations = await inChat(chat, () => window.inkwellDiagnostics!.cspViolations.map((violation) => violation.directive));
    assert.ok(violations.includes('require-trusted-types-for'), violations.join(', '));
    assert.ok(
      violations.some((directive) => directive.startsWith('img-src')),
      violations.join(', '),
    );
    assert.equal(await inChat(chat, () => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    // Chromium reports the image request, then refuses to send it: the CSP stopped it before the network.
    for (const url of requests.filter((candidate) => candidate.includes('tracker.invalid'))) {
      assert.match(refused.get(url) ?? 'sent', /csp/i, url);
    }
  });

  it('never sends the API key to the webview, though the server receives it', async () => {
    const key = 'sk-inkwell-ui-secret-4242';
    await runCommand(page, 'Inkwell: Set API Key');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(key);
    await page.keyboard.press('Enter');
    await inChat(chat, () => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)));
    });
    server.enqueue({ kind: 'reply', text: 'Keyed answer.' });
    await ask(chat, 'With a key now');
    await waitForIdle(chat);
    assert.equal(server.requests.at(-1)!.headers.authorization, `Bearer ${key}`);
    const seen = await inChat(chat, () => (window as unknown as { __seen: string[] }).__seen);
    assert.ok(
      seen.some((data) => data.includes('Keyed answer')),
      'the recorder saw the answer',
    );
    assert.equal(
      seen.some((data) => data.includes(key)),
      false,
    );
    assert.doesNotMatch(await inChat(chat, () => document.documentElement.outerHTML), new RegExp(key));
  });
});
