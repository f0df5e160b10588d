import { CodeBlockScanner } from '../shared/codeBlockScanner';

/**
 * Finds where a streaming markdown answer can be cut so that everything
 * before the cut is finished: complete top-level blocks that later text
 * cannot change. The renderer renders those once and re-renders only the
 * rest (the tail). Pure string logic, no DOM: unit-tested in Node.
 *
 * Fences are read by the shared code-block scanner, so a fence the webview
 * renders is a fence here too, in block quotes and list items as well.
 * A cut is made only at a blank line outside a fenced code block, and only
 * once the next line has arrived and shows a new block starts there: not an
 * indented line (list continuation, indented code) and not another list item
 * when the block before holds a list (a loose list is one block). Erring on
 * the side of not cutting only makes the tail longer, never the output wrong.
 */

/** The fenced code block the latest line left open, as far as cutting cares. */
interface OpenFence {
  /** Offset of the opening fence line. */
  lineStart: number;
  /** Offset of the first code line. */
  contentStart: number;
  /** At top level and not indented: its code lines are the source's lines as they are. */
  plain: boolean;
  info: string;
}

/** A fenced code block that is still open at the very start of the tail: it can be streamed as plain text. */
export interface OpenFenceAtTail {
  info: string;
  /** Offset in the source where its code starts. */
  contentStart: number;
}

const listItem = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export class MarkdownBlockSplitter {
  private readonly scanner = new CodeBlockScanner();
  private source = '';
  /** Offset of the first line not yet looked at. */
  private scanned = 0;
  /** Everything before this offset is finished. */
  private stable = 0;
  private fence: OpenFence | undefined;
  /** Offset just after the latest blank line(s), while waiting for the next line to decide. */
  private candidate = -1;
  private blockHasList = false;

  /** The whole text so far. */
  get text(): string {
    return this.source;
  }

  /** The unfinished rest, re-rendered on each update. */
  get tail(): string {
    return this.source.slice(this.stable);
  }

  /** Adds streamed text; returns the text that just became finished (often empty). */
  push(delta: string): string {
    this.source += delta;
    const before = this.stable;
    let newline = this.source.indexOf('\n', this.scanned);
    while (newline >= 0) {
      this.scanLine(this.scanned, newline);
      this.scanned = newline + 1;
      newline = this.source.indexOf('\n', this.scanned);
    }
    return this.source.slice(before, this.stable);
  }

  /** The answer ended: the tail is finished too. Returns it. */
  finish(): string {
    const rest = this.tail;
    this.stable = this.source.length;
    this.fence = undefined;
    this.scanner.end();
    return rest;
  }

  /**
   * The tail's code block when the tail is nothing but one still-open fence
   * at column 0, so its code can be appended as text instead of re-rendered.
   */
  openFenceAtTail(): OpenFenceAtTail | undefined {
    const fence = this.fence;
    if (!fence?.plain || this.source.slice(this.stable, fence.lineStart).trim() !== '') return undefined;
    return { info: fence.info, contentStart: fence.contentStart };
  }

  private scanLine(start: number, end: number): void {
    const line = this.source.slice(start, end).replace(/\r$/, '');
    const role = this.scanner.push(line);
    if (role === 'fenceCode') return;
    if (role === 'fenceClose' && this.fence) {
      const startsTail = this.fence.plain && this.source.slice(this.stable, this.fence.lineStart).trim() === '';
      this.fence = undefined;
      // A closed fence that begins the tail is a whole block whatever follows; otherwise wait for the next line.
      if (startsTail) {
        this.stable = end + 1;
        this.blockHasList = false;
      } else {
        this.candidate = end + 1;
      }
      return;
    }
    // A fence left open in a block quote or list item ends with its container, at a line that is not code.
    this.fence = undefined;
    if (line.trim() === '') {
      this.candidate = end + 1;
      return;
    }
    if (this.candidate >= 0) {
      if (this.startsNewBlock(line)) {
        this.stable = this.candidate;
        this.blockHasList = false;
      }
      this.candidate = -1;
    }
    const open = this.scanner.openFence;
    if (role === 'fenceOpen' && open) {
      this.fence = { lineStart: start, contentStart: end + 1, plain: open.depth === 0 && open.indent === 0, info: open.info };
      return;
    }
    if (listItem.test(line)) this.blockHasList = true;
  }

  private startsNewBlock(line: string): boolean {
    if (/^[ \t]/.test(line)) return false;
    return !(this.blockHasList && listItem.test(line));
  }
}
