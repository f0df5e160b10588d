import { chatPace } from '../shared/chatPace';
import { createMarkdownParser } from './markdownParser';
import { h } from './elements';
import { MarkdownBlockSplitter } from './markdownBlocks';
import { renderMarkdownParts, type RenderEnv } from './markdownRenderer';
import { renderStats } from './diagnostics';

/** Adds the toolbar to each code block in freshly rendered content. */
export type CodeBlockDecorator = (root: ParentNode) => void;

/**
 * Characters that may start or end inline markup (emphasis, strikethrough,
 * code, links, images' brackets, autolinks, entities, escapes, table cells),
 * or a line: text without them, after a character without them, renders as
 * the same text whatever came before. `:` `.` `@` can make a linkified URL;
 * those are checked with linkify itself. Control characters: markdown-it
 * replaces NUL.
 */
const markupCharacter = /[\n\r*_~`[\]()<>&;\\|\p{Cc}]/u;
const letter = /\p{L}/u;
/** Block quote and list markers at the start of a line. */
const lineMarkers = /^(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])[ \t])*/;
/**
 * A reference definition, which markdown-it applies to links in blocks
 * before it too: the blocks rendered while it streamed cannot know it.
 */
const referenceDefinition = /^(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])[ \t])*\[[^\]\n]+\]:/m;
const whitespace = /\s/;

/** The same linkify as the renderer's, to tell whether appended text would become a link. */
const linkify = createMarkdownParser().linkify;

/** Where plain text of the tail goes while it arrives between re-renders. */
interface PlainTail {
  text: Text;
  /** How much of the source the tail's DOM shows. */
  shownUpTo: number;
  /** Start of the word the next text continues: a linkified URL never spans whitespace. */
  wordStart: number;
}

/**
 * Renders one answer while it streams. Finished blocks are rendered once and
 * appended; only the unfinished tail is re-rendered, at most once per
 * animation frame and every `chatPace.renderIntervalMs`, in the same
 * sanitizing pass as the blocks that just finished. Between re-renders,
 * text that arrives at the end of a tail paragraph (or list item) without
 * markup and without a line break is appended to its text node, as a code
 * block still open at the start of the tail is streamed into its `<pre>`:
 * such an update costs only its new characters. Any markup, line break or
 * finished block re-renders the tail, and `finish()` renders the last of it
 * as markdown, so the result is what markdown-it makes of the whole answer.
 * Nothing here looks at other messages, so the work per update does not
 * grow with the conversation.
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
  private plainTail: PlainTail | undefined;

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
   * Renders on an animation frame at most every `chatPace.renderIntervalMs`:
   * a render may re-parse the tail, and rendering on every frame made those
   * re-parses half the cost of a long answer with no difference to a reader.
   */
  private schedule(): void {
    if (this.frame !== undefined || this.wait !== undefined) return;
    const wait = this.lastRender + chatPace.renderIntervalMs - performance.now();
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
    if (referenceDefinition.test(this.splitter.text)) {
      this.finished.replaceChildren();
      this.env.codeIndex = 0;
      this.pendingFinished = this.splitter.text;
    }
    this.render();
  }

  private render(): void {
    const started = performance.now();
    const open = this.splitter.openFenceAtTail();
    if (this.pendingFinished || (!open && !this.appendPlainText())) {
      const tail = open ? '' : this.splitter.tail;
      const sources = this.pendingFinished ? [this.pendingFinished, tail] : [tail];
      const parts = renderMarkdownParts(sources, { codeIndex: this.env.codeIndex });
      if (this.pendingFinished) {
        const finished = parts.shift()!;
        this.decorate(finished.fragment);
        this.finished.append(finished.fragment);
        this.env.codeIndex = finished.codeIndex;
        this.pendingFinished = '';
        this.openCode = undefined;
      }
      if (!open) this.showTail(parts[0].fragment);
    }
    if (open) this.showOpenCode(open);
    renderStats.record(performance.now() - started, this.splitter.tail.length);
    this.onRendered();
  }

  private showTail(fragment: DocumentFragment): void {
    this.openCode = undefined;
    this.decorate(fragment);
    this.tail.replaceChildren(fragment);
    this.plainTail = this.plainTailAfterRender();
  }

  private showOpenCode(open: { info: string; contentStart: number }): void {
    this.plainTail = undefined;
    const source = this.splitter.text;
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
  }

  /**
   * Where plain text may go after this render: the tail must end in a text
   * node directly in a paragraph or list item (not in emphasis, a link, a
   * heading or a table cell), and its last line must already hold a letter,
   * so what follows cannot make it a list marker, heading, rule or fence,
   * and must not start with `[`.
   * markdown-it trims a paragraph's trailing whitespace: that is shown with
   * the next text.
   */
  private plainTailAfterRender(): PlainTail | undefined {
    const last = lastContent(this.tail);
    if (last?.nodeType !== Node.TEXT_NODE || !['P', 'LI'].includes(last.parentElement?.nodeName ?? '')) return undefined;
    const source = this.splitter.text;
    const shownUpTo = source.trimEnd().length;
    const lineStart = source.lastIndexOf('\n', shownUpTo - 1) + 1;
    const line = source.slice(lineStart, shownUpTo);
    // A line that starts with `[` may still become a reference definition, which shows nothing.
    if (
      shownUpTo === 0 ||
      markupCharacter.test(source[shownUpTo - 1]) ||
      !letter.test(line) ||
      line.replace(lineMarkers, '').startsWith('[')
    )
      return undefined;
    let wordStart = shownUpTo;
    while (wordStart > lineStart && !whitespace.test(source[wordStart - 1])) wordStart--;
    return { text: last as Text, shownUpTo, wordStart };
  }

  /** Appends what arrived since the last render to the tail's text, if it is plain text; false when the tail must be re-rendered. */
  private appendPlainText(): boolean {
    const plain = this.plainTail;
    if (!plain) return false;
    const source = this.splitter.text;
    const added = source.slice(plain.shownUpTo);
    if (!added) return true;
    if (markupCharacter.test(added)) return false;
    const word = source.slice(plain.wordStart);
    if (linkify.pretest(word) && linkify.test(word)) return false;
    plain.text.appendData(added);
    plain.shownUpTo = source.length;
    for (let at = added.length - 1; at >= 0; at--) {
      if (whitespace.test(added[at])) {
        plain.wordStart = source.length - added.length + at + 1;
        break;
      }
    }
    return true;
  }
}

/** The deepest last node, past the line breaks markdown-it writes between block tags. */
function lastContent(root: Node): Node | undefined {
  let last: Node | undefined;
  for (let node = root.lastChild; node; node = node.lastChild) {
    while (node?.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) node = node.previousSibling;
    if (!node) break;
    last = node;
  }
  return last;
}
