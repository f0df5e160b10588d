/**
 * Finds the code blocks of a Markdown text the way markdown-it (CommonMark
 * plus GFM tables, `html: false`) parses them, line by line, so a streamed
 * answer can be scanned as its lines arrive. The chat's code-block buttons,
 * the webview's streaming splitter and the answer cleanup all read fences
 * through it, so they agree with each other and with what the webview shows.
 *
 * Only the block structure that decides what is code is modelled: block
 * quotes and list items as containers; paragraphs (lazy continuation, setext
 * headings, what may interrupt them), tables, fenced and indented code as
 * leaves. Tabs count to the next multiple of 4 columns, as CommonMark says.
 *
 * Deliberate differences from markdown-it, each pinned by a unit test:
 * - Link reference definitions are read as paragraph text. markdown-it ends
 *   a definition at its line, so a 4-space line right after it opens an
 *   indented code block there; here it continues the paragraph, as in the
 *   CommonMark reference implementation. Models hardly write definitions.
 * - No nesting limit: markdown-it stops opening block quotes and lists 100
 *   levels deep (its `maxNesting`); here they nest as deep as written.
 */

/** A code block: its code and the first word of its fence's info string. */
export interface CodeBlock {
  code: string;
  language: string;
}

/** An opening code fence. */
export interface Fence {
  char: '`' | '~';
  length: number;
  /** Columns of indentation before the fence; as many are removed from each code line. */
  indent: number;
  /** The info string, trimmed; its first word is the language. */
  info: string;
}

/** A fence that is open after the latest line. */
export interface OpenFence extends Fence {
  /** How many block quotes and list items hold it; 0 at top level. */
  depth: number;
}

/** What a line is to the code blocks. */
export type LineRole = 'fenceOpen' | 'fenceCode' | 'fenceClose' | 'indentedCode' | 'other';

type Container = { kind: 'quote' } | { kind: 'item'; contentIndent: number; hasContent: boolean };

type Leaf =
  /** `headerColumns`: the table columns the last line would have as a header row, 0 if it cannot be one. */
  | { kind: 'paragraph'; headerColumns: number }
  | { kind: 'table' }
  | { kind: 'fence'; fence: Fence; lines: string[] }
  | { kind: 'indented'; lines: string[] };

const fenceOpening = /^(`{3,}|~{3,})(.*)$/;
const fenceClosing = /^(`{3,}|~{3,})[ \t]*$/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;
const setextUnderline = /^(?:=+|-+)[ \t]*$/;
const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const listMarker = /^(?:[*+-]|(\d{1,9})[.)])/;

function isSpaceOrTab(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** The fence a line (with its container markers removed) opens, if any. */
export function fenceOpenedBy(line: string): Fence | undefined {
  const indent = /^ {0,3}/.exec(line)![0].length;
  const match = fenceOpening.exec(line.slice(indent));
  if (!match || (match[1][0] === '`' && match[2].includes('`'))) return undefined;
  return { char: match[1][0] as '`' | '~', length: match[1].length, indent, info: match[2].trim() };
}

/** Whether a line (with its container markers removed) closes `fence`. */
export function closesFence(line: string, fence: Fence): boolean {
  const match = fenceClosing.exec(line.replace(/^ {0,3}/, ''));
  return !!match && match[1][0] === fence.char && match[1].length >= fence.length;
}

/** Whether the start of a line, still arriving, may yet turn out to open a fence. */
export function mayOpenFence(partialLine: string): boolean {
  const match = /^ {0,3}(`+|~+)?(.*)$/.exec(partialLine);
  if (!match) return false;
  if (!match[1]) return match[2] === '';
  if (match[1].length < 3) return match[2] === '';
  return fenceOpenedBy(partialLine) !== undefined;
}

/** The number of columns a delimiter row (`|---|:-:|`) defines, 0 if the text is not one. */
function delimiterColumns(text: string): number {
  if (!/^[-:|][-:| \t]+$/.test(text) || /^-[ \t]/.test(text)) return 0;
  const cells = text.split('|');
  let count = 0;
  for (const [index, cell] of cells.entries()) {
    const trimmed = cell.trim();
    if (!trimmed) {
      if (index === 0 || index === cells.length - 1) continue;
      return 0;
    }
    if (!/^:?-+:?$/.test(trimmed)) return 0;
    count++;
  }
  return count;
}

/** The number of cells a header row has (pipes escaped with `\` do not count), 0 if it has no pipe. */
function headerColumns(text: string): number {
  const row = text.trim();
  if (!row.includes('|')) return 0;
  let cells = 1;
  for (let at = 0; at < row.length; at++) if (row[at] === '|' && row[at - 1] !== '\\') cells++;
  if (row.startsWith('|')) cells--;
  if (row.length > 1 && row.endsWith('|') && row[row.length - 2] !== '\\') cells--;
  return Math.max(0, cells);
}

export class CodeBlockScanner {
  private readonly containers: Container[] = [];
  private leaf: Leaf | undefined;
  private readonly finished: CodeBlock[] = [];
  // The line being read, and where in it, in characters and in columns.
  private line = '';
  private offset = 0;
  private column = 0;
  private partiallyConsumedTab = false;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private blank = false;

  /** The code blocks finished so far, in document order. */
  get blocks(): readonly CodeBlock[] {
    return this.finished;
  }

  /** The fence still open after the latest line. */
  get openFence(): OpenFence | undefined {
    return this.leaf?.kind === 'fence' ? { ...this.leaf.fence, depth: this.containers.length } : undefined;
  }

  /** Reads the next line, given without its line ending. */
  push(text: string): LineRole {
    this.line = text.endsWith('\r') ? text.slice(0, -1) : text;
    this.offset = 0;
    this.column = 0;
    this.partiallyConsumedTab = false;
    let matched = 0;
    for (const container of this.containers) {
      this.findNextNonspace();
      if (container.kind === 'quote') {
        if (this.indent >= 4 || this.line[this.nextNonspace] !== '>') break;
        this.consumeQuoteMarker();
      } else if (this.blank) {
        if (!container.hasContent) break;
        this.advanceNextNonspace();
      } else if (this.indent >= container.contentIndent) {
        this.advanceOffset(container.contentIndent, true);
      } else {
        break;
      }
      matched++;
    }
    this.findNextNonspace();
    const allMatched = matched === this.containers.length;
    const leaf = this.leaf;
    if (allMatched && leaf?.kind === 'fence') {
      if (this.indent < 4 && closesFence(this.line.slice(this.nextNonspace), leaf.fence)) {
        this.closeLeaf();
        return 'fenceClose';
      }
      for (let strip = leaf.fence.indent; strip > 0 && isSpaceOrTab(this.line[this.offset]); strip--) this.advanceOffset(1, true);
      leaf.lines.push(this.rest());
      return 'fenceCode';
    }
    if (allMatched && leaf?.kind === 'indented') {
      if (this.indent >= 4) {
        this.advanceOffset(4, true);
        leaf.lines.push(this.rest());
        return 'indentedCode';
      }
      if (this.blank) {
        leaf.lines.push('');
        return 'indentedCode';
      }
    }
    return this.startBlocks(matched, allMatched && !this.blank && (leaf?.kind === 'paragraph' || leaf?.kind === 'table'));
  }

  /** The text has ended: closes what is open and returns every code block. */
  end(): CodeBlock[] {
    this.closeLeaf();
    this.containers.length = 0;
    return this.finished;
  }

  /** New containers and leaves that start on this line, after `depth` open containers matched it. */
  private startBlocks(depth: number, leafContinues: boolean): LineRole {
    for (;;) {
      this.findNextNonspace();
      const rest = this.line.slice(this.nextNonspace);
      const indented = this.indent >= 4;
      const paragraphContinues = leafContinues && this.leaf?.kind === 'paragraph';
      if (!indented && paragraphContinues) {
        const columns = delimiterColumns(rest);
        if (columns > 0 && columns === (this.leaf as { headerColumns: number }).headerColumns) {
          this.leaf = { kind: 'table' };
          return 'other';
        }
      }
      if (!indented && rest[0] === '>') {
        this.consumeQuoteMarker();
        depth = this.openContainer(depth, { kind: 'quote' });
        leafContinues = false;
        continue;
      }
      if (!indented && atxHeading.test(rest)) {
        this.addLeaf(depth, undefined);
        return 'other';
      }
      if (!indented) {
        const fence = fenceOpenedBy(rest);
        if (fence) {
          this.addLeaf(depth, { kind: 'fence', fence: { ...fence, indent: this.indent }, lines: [] });
          return 'fenceOpen';
        }
      }
      if (!indented && paragraphContinues && setextUnderline.test(rest)) {
        this.leaf = undefined;
        return 'other';
      }
      if (!indented && thematicBreak.test(rest)) {
        this.addLeaf(depth, undefined);
        return 'other';
      }
      if (!indented) {
        const contentIndent = this.consumeListMarker(paragraphContinues);
        if (contentIndent !== undefined) {
          depth = this.openContainer(depth, { kind: 'item', contentIndent, hasContent: false });
          leafContinues = false;
          continue;
        }
      }
      if (indented && !this.blank && this.leaf?.kind !== 'paragraph') {
        this.advanceOffset(4, true);
        this.addLeaf(depth, { kind: 'indented', lines: [this.rest()] });
        return 'indentedCode';
      }
      break;
    }
    if (this.leaf?.kind === 'paragraph' && !this.blank) {
      // A lazy continuation line, or the next line of a paragraph whose containers all matched.
      const lazy = !leafContinues;
      this.leaf.headerColumns = lazy || this.indent >= 4 ? 0 : headerColumns(this.line.slice(this.nextNonspace));
      return 'other';
    }
    if (leafContinues) return 'other'; // a table row
    this.closeUnmatched(depth);
    this.closeLeaf();
    if (!this.blank)
      this.addLeaf(depth, { kind: 'paragraph', headerColumns: this.indent >= 4 ? 0 : headerColumns(this.line.slice(this.nextNonspace)) });
    return 'other';
  }

  /** A list marker at the next non-space, consumed with the spaces after it; returns the item's content indent. */
  private consumeListMarker(interruptsParagraph: boolean): number | undefined {
    const rest = this.line.slice(this.nextNonspace);
    const match = listMarker.exec(rest);
    if (!match) return undefined;
    const after = rest[match[0].length];
    if (after !== undefined && !isSpaceOrTab(after)) return undefined;
    if (interruptsParagraph && ((match[1] !== undefined && Number(match[1]) !== 1) || rest.slice(match[0].length).trim() === ''))
      return undefined;
    const markerOffset = this.indent;
    this.advanceNextNonspace();
    this.advanceOffset(match[0].length, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do {
      this.advanceOffset(1, true);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(this.line[this.offset]));
    const blankItem = this.line[this.offset] === undefined;
    const spaces = this.column - spacesStartColumn;
    if (spaces >= 5 || spaces < 1 || blankItem) {
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      this.partiallyConsumedTab = false;
      if (isSpaceOrTab(this.line[this.offset])) this.advanceOffset(1, true);
      return markerOffset + match[0].length + 1;
    }
    return markerOffset + match[0].length + spaces;
  }

  private consumeQuoteMarker(): void {
    this.advanceNextNonspace();
    this.advanceOffset(1, false);
    if (isSpaceOrTab(this.line[this.offset])) this.advanceOffset(1, true);
  }

  private openContainer(depth: number, container: Container): number {
    this.addLeaf(depth, undefined);
    this.containers.push(container);
    return depth + 1;
  }

  /** Closes what did not continue, then starts `leaf` (or none) in the container at `depth`. */
  private addLeaf(depth: number, leaf: Leaf | undefined): void {
    this.closeUnmatched(depth);
    this.closeLeaf();
    const parent = this.containers[depth - 1];
    if (parent?.kind === 'item') parent.hasContent = true;
    this.leaf = leaf;
  }

  private closeUnmatched(depth: number): void {
    if (this.containers.length <= depth) return;
    this.closeLeaf();
    this.containers.length = depth;
  }

  private closeLeaf(): void {
    const leaf = this.leaf;
    this.leaf = undefined;
    if (leaf?.kind === 'fence') {
      this.finished.push({ code: leaf.lines.map((line) => `${line}\n`).join(''), language: leaf.fence.info.split(/\s+/)[0] ?? '' });
    } else if (leaf?.kind === 'indented') {
      let last = leaf.lines.length;
      while (last > 0 && /^[ \t]*$/.test(leaf.lines[last - 1])) last--;
      this.finished.push({ code: `${leaf.lines.slice(0, last).join('\n')}\n`, language: '' });
    }
  }

  /** The rest of the line; a tab only partly consumed counts as the spaces left of it. */
  private rest(): string {
    if (!this.partiallyConsumedTab) return this.line.slice(this.offset);
    return ' '.repeat(4 - (this.column % 4)) + this.line.slice(this.offset + 1);
  }

  private findNextNonspace(): void {
    let at = this.offset;
    let column = this.column;
    for (;;) {
      const char = this.line[at];
      if (char === ' ') column++;
      else if (char === '\t') column += 4 - (column % 4);
      else break;
      at++;
    }
    this.blank = at >= this.line.length;
    this.nextNonspace = at;
    this.nextNonspaceColumn = column;
    this.indent = column - this.column;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  /** Moves on `count` characters, or with `columns` `count` columns, where a tab may be consumed in part. */
  private advanceOffset(count: number, columns: boolean): void {
    while (count > 0 && this.offset < this.line.length) {
      if (this.line[this.offset] === '\t') {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = toTab > count;
          const advance = Math.min(toTab, count);
          this.column += advance;
          if (!this.partiallyConsumedTab) this.offset++;
          count -= advance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += toTab;
          this.offset++;
          count--;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset++;
        this.column++;
        count--;
      }
    }
  }
}

/** The code blocks of a Markdown text, in the order the chat's renderer numbers them. */
export function codeBlocksOf(markdown: string): CodeBlock[] {
  const text = markdown.replace(/\0/g, '\uFFFD');
  const lines = text.split(/\r\n?|\n/);
  const endsWithNewline = /[\r\n]$/.test(text);
  if (endsWithNewline) lines.pop();
  const scanner = new CodeBlockScanner();
  let lastRole: LineRole = 'other';
  for (const line of lines) lastRole = scanner.push(line);
  const stillOpen = scanner.openFence !== undefined;
  const blocks = scanner.end();
  // markdown-it ends an unclosed fence's code where the text ends, without adding a line break.
  if (stillOpen && lastRole === 'fenceCode' && !endsWithNewline && text) {
    const last = blocks[blocks.length - 1];
    last.code = last.code.slice(0, -1);
  }
  return blocks;
}
