import * as assert from 'assert';
import { howVsCodeOpens } from '../../src/chat/linkOpener';
import { createTestChat, type TestChat } from './chatTestKit';

/**
 * A link is checked with WHATWG `URL` and must open as exactly that string.
 * VS Code opens a `Uri` as `encodeURI(uri.toString(true))`, which decodes
 * and re-encodes: these tests use VS Code's real `Uri` to find the links the
 * two parsers disagree on, and prove those are never opened as something else.
 */
describe('Opening links from chat answers', () => {
  let chat: TestChat;
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  it('opens plain links exactly as they were checked', () => {
    for (const href of [
      'https://example.com/',
      'https://example.com/docs/page?q=a&lang=zh#part',
      'https://example.com/%E4%B8%AD%E6%96%87',
      'http://127.0.0.1:8080/admin?x=1',
    ]) {
      assert.strictEqual(howVsCodeOpens(new URL(href).href), new URL(href).href, href);
    }
  });

  it('finds the links VS Code would change: an encoded slash, an encoded letter, an encoded quote', () => {
    for (const href of [
      'https://example.com/a%2Fb',
      'https://example.com/?q=%41',
      'https://example.com/%27x',
      'https://example.com/?next=%2F%2Fevil.example',
    ]) {
      assert.notStrictEqual(howVsCodeOpens(new URL(href).href), new URL(href).href, href);
    }
  });

  it('refuses to open a link VS Code would open as another URL, and names both', async () => {
    const result = await chat.session.openLink('https://example.com/files/a%2F..%2Fb?q=%41', 'a file', { confirmed: true });
    assert.strictEqual(result.status, 'error');
    assert.strictEqual(result.text, 'https://example.com/files/a%2F..%2Fb?q=%41');
    assert.match(
      result.message ?? '',
      /cannot open this link exactly as written: VS Code would open https:\/\/example\.com\/files\/a\/\.\.\/b\?q=A instead of https:\/\/example\.com\/files\/a%2F\.\.%2Fb\?q=%41/,
    );
  });

  it('refuses links that are not http(s), and says why', async () => {
    const result = await chat.session.openLink('command:workbench.action.terminal.new', 'terminal', { confirmed: true });
    assert.strictEqual(result.status, 'noInput');
    assert.ok(chat.log.lines.some((line) => line.level === 'warn' && line.message.includes('refused to open a link that is not http(s)')));
  });
});
