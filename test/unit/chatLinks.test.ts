import * as assert from 'node:assert/strict';
import { checkLink, hostNamedBy, isLocalNetworkHost, linkPrompt } from '../../src/shared/linkSafety';
import { endLinksAtMarkup } from '../../src/webview/linkifyBoundaries';
import { createMarkdownParser } from '../../src/webview/markdownParser';

describe('Links in chat answers', () => {
  describe('the target that is shown and opened', () => {
    it('is the URL as WHATWG URL serialises it, query and fragment included', () => {
      assert.equal(checkLink('HTTPS://Example.COM/a b?secret=the text#x')?.target, 'https://example.com/a%20b?secret=the%20text#x');
    });

    it('exists only for http and https', () => {
      for (const href of [
        'javascript:alert(1)',
        'command:workbench.action.terminal.new',
        'data:text/html,x',
        'file:///etc/passwd',
        'not a url',
      ]) {
        assert.equal(checkLink(href), undefined, href);
      }
    });

    it('names the whole target in the prompt, however long its query', () => {
      const secret = 'the-users-selection-'.repeat(20);
      const check = checkLink(`https://tracker.example/pixel.png?secret=${secret}`)!;
      const prompt = linkPrompt(check);
      assert.ok(prompt.detail.includes(`https://tracker.example/pixel.png?secret=${secret}`));
      assert.equal(prompt.message, 'Open this link from the answer?');
    });
  });

  describe('a link whose text names another host', () => {
    it('is pointed out before opening', () => {
      const check = checkLink('https://evil.example/login', 'https://bank.example/login')!;
      assert.equal(check.textHost, 'bank.example');
      assert.match(linkPrompt(check).detail, /text names bank\.example, but it opens evil\.example/);
    });

    it('is pointed out when the text is a bare domain', () => {
      assert.equal(checkLink('https://paypal.com.evil.example/', 'paypal.com')?.textHost, 'paypal.com');
    });

    it('is not pointed out when the text names the same host, with or without www', () => {
      assert.equal(checkLink('https://www.example.com/docs', 'example.com/docs')?.textHost, undefined);
      assert.equal(checkLink('https://example.com/docs', 'https://EXAMPLE.com')?.textHost, undefined);
    });

    it('is not pointed out for words and file names', () => {
      assert.equal(hostNamedBy('the documentation'), undefined);
      assert.equal(hostNamedBy('notes.md'), undefined);
      assert.equal(hostNamedBy('Image: tracking pixel (https://tracker.example/p.png)'), undefined);
      assert.equal(checkLink('https://example.com/', '官方文档')?.textHost, undefined);
    });
  });

  describe('links to this computer or the local network', () => {
    const local = [
      'http://localhost:8080/admin',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://127.8.9.10/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://0.0.0.0:3000/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/router',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8000/',
      'http://[::]/',
      'http://[fd12:3456::1]/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:c0a8:101]/',
      'http://printer.local/',
      'https://nas.local./',
    ];
    for (const href of local) {
      it(`asks about ${href}`, () => {
        const check = checkLink(href)!;
        assert.equal(check.localNetwork, true, check.host);
        assert.match(linkPrompt(check).detail, /on this computer or your local network/);
      });
    }

    it('leaves public hosts alone, also those that look a little like private ones', () => {
      for (const href of [
        'https://example.com/',
        'http://172.32.0.1/',
        'http://172.15.0.1/',
        'http://11.0.0.1/',
        'http://192.169.0.1/',
        'http://[2001:db8::1]/',
        'https://local.example.com/',
        'https://localhost.example.com/',
        'http://8.8.8.8/',
      ]) {
        assert.equal(checkLink(href)!.localNetwork, false, href);
      }
      assert.equal(isLocalNetworkHost('example.local.com'), false);
    });
  });

  describe('URLs linkified inside markup shown as text', () => {
    const parser = createMarkdownParser();
    endLinksAtMarkup(parser);
    const hrefs = (markdown: string): string[] => [...parser.render(markdown).matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

    it('end where the markup starts, not at the next quote', () => {
      assert.deepEqual(hrefs(`javascript:alert('https://evil.example/a')"></template><img src=x>')`), ['https://evil.example/a']);
      assert.deepEqual(hrefs(`<x title='https://evil.example/a?q=')"></template>'>`), ['https://evil.example/a?q=']);
    });

    it('keep the text after the cut as text', () => {
      assert.match(parser.render(`alert('https://evil.example/a')"></template>')`), /<\/a>'\)&quot;&gt;&lt;\/template&gt;'\)/);
    });

    it('keep quotes inside words, and balanced parentheses', () => {
      assert.deepEqual(hrefs("see https://en.wikipedia.org/wiki/Don't_Stop and https://example.com/wiki/Foo_(bar)"), [
        "https://en.wikipedia.org/wiki/Don't_Stop",
        'https://example.com/wiki/Foo_(bar)',
      ]);
    });

    it('still link a plain www address', () => {
      assert.deepEqual(hrefs(`'www.example.com/a')">`), ['http://www.example.com/a']);
    });
  });
});
