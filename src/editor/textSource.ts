import * as vscode from 'vscode';

/** The text a command works on and where it came from. */
export interface SourceText {
  text: string;
  range: vscode.Range;
  /** `paragraph` when there was no selection and the paragraph at the cursor was used. */
  origin: 'selection' | 'paragraph';
}

/** Lines that separate paragraphs: blank, or a fence line (so a paragraph never swallows half a code block). */
function isBoundary(line: vscode.TextLine): boolean {
  return line.isEmptyOrWhitespace;
}

/** The level of an ATX heading line (`## Title` is 2), or 0. */
function headingLevel(line: vscode.TextLine): number {
  return /^ {0,3}(#{1,6})(\s|$)/.exec(line.text)?.[1].length ?? 0;
}

/**
 * The section a heading opens: the heading and everything up to the next
 * heading of the same or a higher level (fenced code is not searched for headings).
 */
function sectionAt(document: vscode.TextDocument, headingLine: number, level: number): vscode.Range {
  let last = headingLine;
  let fence: string | undefined;
  for (let line = headingLine + 1; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) fence = fence ? undefined : marker;
    const level2 = fence || marker ? 0 : headingLevel(document.lineAt(line));
    if (level2 > 0 && level2 <= level) break;
    if (!document.lineAt(line).isEmptyOrWhitespace) last = line;
  }
  return new vscode.Range(headingLine, 0, last, document.lineAt(last).text.length);
}

/**
 * The paragraph around the cursor (on a heading: the section under it), or
 * undefined when the cursor sits on a blank line.
 */
export function paragraphAt(document: vscode.TextDocument, position: vscode.Position): vscode.Range | undefined {
  if (isBoundary(document.lineAt(position.line))) return undefined;
  const level = headingLevel(document.lineAt(position.line));
  if (level > 0) return sectionAt(document, position.line, level);
  let first = position.line;
  let last = position.line;
  while (first > 0 && !isBoundary(document.lineAt(first - 1))) first--;
  while (last < document.lineCount - 1 && !isBoundary(document.lineAt(last + 1))) last++;
  return new vscode.Range(first, 0, last, document.lineAt(last).text.length);
}

/**
 * A triple-clicked line also selects its line break; models drop outer white
 * space, so replacing it would glue paragraphs together. Work on the text
 * inside, and leave the white space around it where it was.
 */
function withoutOuterWhitespace(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const text = document.getText(range);
  const leading = text.length - text.trimStart().length;
  const trailing = text.length - text.trimEnd().length;
  if (leading === text.length) return range;
  const start = document.offsetAt(range.start);
  return new vscode.Range(document.positionAt(start + leading), document.positionAt(start + text.length - trailing));
}

/** A selection as the text to work on: what is inside its outer white space, which stays where it was. */
export function selectionSource(document: vscode.TextDocument, selection: vscode.Range): SourceText {
  const range = withoutOuterWhitespace(document, selection);
  return { text: document.getText(range), range, origin: 'selection' };
}

/**
 * The selections to work on: each non-empty selection, or, with no selection,
 * the paragraph at the cursor (or the section under a heading). Empty when
 * there is nothing but whitespace.
 */
export function sourceTexts(editor: vscode.TextEditor): SourceText[] {
  const { document } = editor;
  const chosen = editor.selections.filter((selection) => !selection.isEmpty).map((selection) => selectionSource(document, selection));
  if (chosen.length === 0) {
    const paragraph = paragraphAt(document, editor.selection.active);
    if (paragraph) {
      chosen.push({ text: document.getText(paragraph), range: paragraph, origin: 'paragraph' });
    }
  }
  // Selections in document order, so multi-selection output reads top to bottom.
  return chosen.filter((source) => source.text.trim().length > 0).sort((a, b) => a.range.start.compareTo(b.range.start));
}
