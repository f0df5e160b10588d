import { renderMarkdown } from '../../src/webview/markdownRenderer';

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

window.inkwellNaiveRenderer = {
  render(container, wholeAnswer) {
    container.replaceChildren(renderMarkdown(wholeAnswer, { codeIndex: 0 }));
  },
};
