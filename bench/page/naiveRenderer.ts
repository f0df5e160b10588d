import DOMPurify from 'dompurify';
import { renderMarkdown } from '../../src/webview/markdownRenderer';
import type {} from './chatProbe';

/**
 * The naive baseline of item 3, bundled by the bench and evaluated inside the
 * chat webview: on every chunk, the whole answer so far goes through the same
 * markdown pipeline as Inkwell's renderer (markdown-it, highlight.js,
 * DOMPurify) and replaces the message's content.
 */
export interface NaiveRenderer {
  render(container: HTMLElement, wholeAnswer: string): void;
}

declare global {
  interface Window {
    inkwellNaiveRenderer?: NaiveRenderer;
  }
}

// The chat page enforces Trusted Types with one allowed policy, which the page's own DOMPurify
// holds. This copy borrows it (recorded by the bench's init script); later calls keep it.
const policy = window.inkwellBenchPolicies?.dompurify;
if (!policy) throw new Error("the chat page's 'dompurify' Trusted Types policy was not recorded");
DOMPurify.sanitize('', { TRUSTED_TYPES_POLICY: policy as never });

window.inkwellNaiveRenderer = {
  render(container, wholeAnswer) {
    container.replaceChildren(renderMarkdown(wholeAnswer, { codeIndex: 0 }));
  },
};
