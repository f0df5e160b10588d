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

/** The paragraph around the cursor, or undefined when the cursor sits on a blank line. */
export function paragraphAt(document: vscode.TextDocument, position: vscode.Position): vscode.Range | undefined {
  if (isBoundary(document.lineAt(position.line))) return undefined;
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

/**
 * The selections to work on: each non-empty selection, or, with no selection,
 * the paragraph at the cursor (selected, so the user sees what was used).
 * Empty when there is nothing but whitespace.
 */
export function sourceTexts(editor: vscode.TextEditor): SourceText[] {
  const { document } = editor;
  const chosen = editor.selections
    .filter((selection) => !selection.isEmpty)
    .map((selection): SourceText => {
      const range = withoutOuterWhitespace(document, selection);
      return { text: document.getText(range), range, origin: 'selection' };
    });
  if (chosen.length === 0) {
    const paragraph = paragraphAt(document, editor.selection.active);
    if (paragraph) {
      editor.selection = new vscode.Selection(paragraph.start, paragraph.end);
      chosen.push({ text: document.getText(paragraph), range: paragraph, origin: 'paragraph' });
    }
  }
  // Selections in document order, so multi-selection output reads top to bottom.
  return chosen.filter((source) => source.text.trim().length > 0).sort((a, b) => a.range.start.compareTo(b.range.start));
}
