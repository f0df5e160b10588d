import { h } from './elements';
import { MarkdownBlockSplitter } from './markdownBlocks';
import { renderMarkdown, type RenderEnv } from './markdownRenderer';
import { renderStats } from './diagnostics';

/** About 30 renders a second while an answer streams. */
const minRenderIntervalMs = 33;

/** Adds the toolbar to each code block in freshly rendered content. */
export type CodeBlockDecorator = (root: ParentNode) => void;

/**
 * Renders one answer while it streams. Finished blocks are rendered once and
 * appended; only the unfinished tail is re-rendered, at most once per
 * animation frame and about 30 times a second. A code block still open at the start of the tail is
 * streamed as plain text appended to a `<pre>`, so even a long code block
 * costs only its new characters per frame. Nothing here looks at other
 * messages, so the work per update does not grow with the conversation.
 */
export class StreamingMarkdown {
  private readonly splitter = new MarkdownBlockSplitter();
  private readonly finished: HTMLElement;
  private readonly tail: HTMLElement;
  private readonly env: RenderEnv = { codeIndex: 0 };
  private pendingFinished = '';
  private frame: number | undefined;
  private wait: ReturnType<typeof setTimeout> | undefined;
  private lastRender = 0;
  /** The open code block being appended to, and how much of its source it shows. */
  private openCode: { contentStart: number; shownUpTo: number; code: HTMLElement } | undefined;

  constructor(
    readonly container: HTMLElement,
    private readonly decorate: CodeBlockDecorator,
    private readonly onRendered: () => void,
  ) {
    this.finished = h('div', { class: 'md-finished' });
    this.tail = h('div', { class: 'md-tail' });
    container.replaceChildren(this.finished, this.tail);
  }

  get text(): string {
    return this.splitter.text;
  }

  append(delta: string): void {
    this.pendingFinished += this.splitter.push(delta);
    this.schedule();
  }

  /**
   * Renders on an animation frame at most every `minRenderIntervalMs`: each
   * render re-parses the tail, and at 60 Hz those re-parses were half the
   * cost of a long answer while a reader sees no difference at 30 Hz.
   */
  private schedule(): void {
    if (this.frame !== undefined || this.wait !== undefined) return;
    const wait = this.lastRender + minRenderIntervalMs - performance.now();
    if (wait > 0) {
      this.wait = setTimeout(() => {
        this.wait = undefined;
        this.schedule();
      }, wait);
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.lastRender = performance.now();
      this.render();
    });
  }

  /** The answer is complete (or stopped): render what is left, once, and stop. */
  finish(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.wait !== undefined) clearTimeout(this.wait);
    this.frame = undefined;
    this.wait = undefined;
    this.pendingFinished += this.splitter.finish();
    this.render();
  }

  private render(): void {
    const started = performance.now();
    if (this.pendingFinished) {
      const fragment = renderMarkdown(this.pendingFinished, this.env);
      this.decorate(fragment);
      this.finished.append(fragment);
      this.pendingFinished = '';
      this.openCode = undefined;
    }
    const open = this.splitter.openFenceAtTail();
    const source = this.splitter.text;
    if (open) {
      if (!this.openCode || this.openCode.contentStart !== open.contentStart) {
        const code = h('code', { class: 'hljs' });
        this.tail.replaceChildren(h('pre', { class: 'code streaming-code', 'data-lang': open.info.split(/\s+/)[0] }, code));
        this.openCode = { contentStart: open.contentStart, shownUpTo: open.contentStart, code };
      }
      // Whole lines only: a half-arrived closing fence is not shown as code.
      const upTo = Math.max(this.openCode.shownUpTo, source.lastIndexOf('\n') + 1);
      if (upTo > this.openCode.shownUpTo) {
        this.openCode.code.append(source.slice(this.openCode.shownUpTo, upTo));
        this.openCode.shownUpTo = upTo;
      }
    } else {
      this.openCode = undefined;
      const tail = this.splitter.tail;
      if (tail) {
        const fragment = renderMarkdown(tail, { codeIndex: this.env.codeIndex });
        this.decorate(fragment);
        this.tail.replaceChildren(fragment);
      } else {
        this.tail.replaceChildren();
      }
    }
    renderStats.record(performance.now() - started, this.splitter.tail.length);
    this.onRendered();
  }
}
