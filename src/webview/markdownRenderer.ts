import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import latex from 'highlight.js/lib/languages/latex';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type MarkdownIt from 'markdown-it';
import { endLinksAtMarkup } from './linkifyBoundaries';
import { createMarkdownParser } from './markdownParser';
import { isWebLink } from '../shared/protocol';

// A writer's set of languages; the full highlight.js bundle would triple the webview's size.
const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  latex,
  markdown,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** Per render: code blocks are numbered across a whole message, which may be rendered in several parts. */
export interface RenderEnv {
  codeIndex: number;
}

/** Only inline images the answer carries itself; anything else would be a request to someone's server. */
const inlineImage = /^data:image\/(?:png|gif|jpeg|webp);/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function highlight(code: string, language: string): string {
  const name = language.toLowerCase();
  if (!name || !hljs.getLanguage(name)) return escapeHtml(code);
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}

function configure(parser: MarkdownIt): MarkdownIt {
  const codeBlock = (code: string, info: string, env: RenderEnv): string => {
    const language = info.trim().split(/\s+/)[0] ?? '';
    const index = env.codeIndex++;
    return `<pre class="code" data-code-index="${index}" data-lang="${escapeHtml(language)}"><code class="hljs">${highlight(code, language)}</code></pre>\n`;
  };
  parser.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => codeBlock(tokens[idx].content, tokens[idx].info, env);
  parser.renderer.rules.code_block = (tokens, idx, _options, env: RenderEnv) => codeBlock(tokens[idx].content, '', env);
  // Remote images become links: showing them would fetch them, telling a server the answer was read.
  parser.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = token.attrGet('src') ?? '';
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    if (inlineImage.test(src)) return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
    // The whole address, query included: it is what a click would send, e.g. `?secret=` and the user's text.
    const target = webTarget(src);
    return `<a href="${escapeHtml(src)}" class="image-link">${escapeHtml(alt ? `Image: ${alt} (${target})` : `Image: ${target}`)}</a>`;
  };
  // Alignment as a class: DOMPurify strips `style`, and the page's CSP allows no inline style anyway.
  for (const rule of ['th_open', 'td_open'] as const) {
    parser.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
      const token = tokens[idx];
      const align = /^text-align:(left|center|right)$/.exec(token.attrGet('style') ?? '')?.[1];
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      if (align) token.attrJoin('class', `align-${align}`);
      return self.renderToken(tokens, idx, options);
    };
  }
  endLinksAtMarkup(parser);
  return parser;
}

function webTarget(src: string): string {
  try {
    return new URL(src).href;
  } catch {
    return src;
  }
}

const parser = configure(createMarkdownParser());

const purifyConfig = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'textarea',
    'select',
    'button',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'video',
    'audio',
    'source',
  ],
  FORBID_ATTR: ['style', 'srcset'],
  // With a custom ALLOWED_URI_REGEXP, DOMPurify checks every attribute not marked URI-safe against it,
  // so `start="3"` (no http: in it) was dropped. It is checked to be a plain number below.
  ADD_URI_SAFE_ATTR: ['start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|data:image\/(?:png|gif|jpeg|webp);)/i,
};

/** Between parts rendered together; markdown-it (`html: false`) never writes a data attribute of this name. */
const partSeparator = 'data-inkwell-part';

/** One part of a message rendered by {@link renderMarkdownParts}, and the code block number the next part starts at. */
export interface RenderedPart {
  fragment: DocumentFragment;
  codeIndex: number;
}

/**
 * Markdown → sanitized DOM. markdown-it runs with `html: false`, DOMPurify
 * cleans what it made, and then links lose their `href`: a link opens only
 * through the extension, after a click, and only if it is http(s). Without
 * an `href` neither the browser nor VS Code's webview host can follow it.
 */
export function renderMarkdown(source: string, env: RenderEnv): DocumentFragment {
  return renderMarkdownParts([source], env)[0].fragment;
}

/**
 * Consecutive parts of one message, each made of whole blocks, rendered
 * through one DOMPurify pass: its fixed cost (a new document per call) was
 * most of a streamed update's render when each part had its own. `env` runs
 * on across the parts, as if they were one text.
 */
export function renderMarkdownParts(sources: readonly string[], env: RenderEnv): RenderedPart[] {
  const codeIndexes: number[] = [];
  const html = sources
    .map((source) => {
      const rendered = parser.render(source, env);
      codeIndexes.push(env.codeIndex);
      return rendered;
    })
    .join(`<hr ${partSeparator}>`);
  const fragment = DOMPurify.sanitize(html, purifyConfig);
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    const href = link.getAttribute('href') ?? '';
    link.removeAttribute('href');
    if (href && isWebLink(href)) {
      link.dataset.href = href;
      link.title = webTarget(href);
      link.tabIndex = 0;
      link.setAttribute('role', 'link');
    } else {
      link.classList.add('inert-link');
      if (href) link.title = 'Not opened: only http and https links open from the chat.';
    }
  }
  for (const list of Array.from(fragment.querySelectorAll('ol[start]'))) {
    if (!/^\d{1,9}$/.test(list.getAttribute('start') ?? '')) list.removeAttribute('start');
  }
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    if (!inlineImage.test(image.getAttribute('src') ?? '')) image.remove();
  }
  const parts = sources.length === 1 ? [fragment] : splitParts(fragment);
  return parts.map((part, i) => ({ fragment: part, codeIndex: codeIndexes[i] }));
}

/** Each part's blocks are whole, so every separator is a top-level node. */
function splitParts(fragment: DocumentFragment): DocumentFragment[] {
  const parts = [document.createDocumentFragment()];
  for (const node of Array.from(fragment.childNodes)) {
    if (node.nodeName === 'HR' && (node as Element).hasAttribute(partSeparator)) parts.push(document.createDocumentFragment());
    else parts[parts.length - 1].append(node);
  }
  return parts;
}
