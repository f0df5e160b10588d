import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { TemplateError, parseTemplateFile, settingTemplates, type UserTemplate } from '../prompts/userTemplates';

/** The largest template file read, in bytes: a prompt is a few paragraphs, and each byte goes into every request it runs. */
export const maxTemplateBytes = 64 * 1024;

/** A template file that was not read at all (a link out of the workspace, too large): its title is unknown. */
export class SkippedTemplateFile extends TemplateError {}

/**
 * The user's templates: `inkwell.prompts` (with `inkwell.promptOutputs`), then `.inkwell/prompts/*.md` in
 * each workspace folder. Workspace files are skipped in Restricted Mode: an
 * untrusted repository must not put words in the user's requests. Files are
 * read only from inside the workspace folder (a link out of it is skipped,
 * and said so) and only up to `maxTemplateBytes`.
 */
export async function loadTemplates(): Promise<{ templates: UserTemplate[]; problems: TemplateError[] }> {
  const config = readConfig();
  const { templates, problems } = settingTemplates(config.prompts, config.promptOutputs);
  if (!vscode.workspace.isTrusted) return { templates, problems };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const directory = vscode.Uri.joinPath(folder.uri, '.inkwell', 'prompts');
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(directory);
    } catch {
      continue;
    }
    const directoryOutside = await leavesFolder(folder.uri, directory);
    if (directoryOutside) {
      problems.push(new SkippedTemplateFile(vscode.workspace.asRelativePath(directory), directoryOutside));
      continue;
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      // A link to a file reports File as well as SymbolicLink; where it leads is checked below.
      if (!(type & vscode.FileType.File) || !name.toLowerCase().endsWith('.md')) continue;
      const file = vscode.Uri.joinPath(directory, name);
      const where = vscode.workspace.asRelativePath(file);
      try {
        const outside = await leavesFolder(folder.uri, file);
        if (outside) throw new SkippedTemplateFile(where, outside);
        if ((await vscode.workspace.fs.stat(file)).size > maxTemplateBytes) throw tooLarge(where);
        const bytes = await vscode.workspace.fs.readFile(file);
        // The file may have grown since the stat.
        if (bytes.byteLength > maxTemplateBytes) throw tooLarge(where);
        templates.push(parseTemplateFile(where, new TextDecoder().decode(bytes)));
      } catch (error) {
        problems.push(error instanceof TemplateError ? error : new TemplateError(where, String(error)));
      }
    }
  }
  return { templates, problems };
}

function tooLarge(where: string): SkippedTemplateFile {
  return new SkippedTemplateFile(
    where,
    vscode.l10n.t('skipped: the file is larger than {0} KB, the most a prompt template may hold.', maxTemplateBytes / 1024),
  );
}

/**
 * Why `target` is not read, when it resolves outside `folder`: on disk both
 * real paths are compared (so links inside the workspace still work); other
 * file systems cannot say where a link leads, so any link is refused there.
 */
async function leavesFolder(folder: vscode.Uri, target: vscode.Uri): Promise<string | undefined> {
  if (folder.scheme === 'file') {
    const [root, real] = await Promise.all([fs.promises.realpath(folder.fsPath), fs.promises.realpath(target.fsPath)]);
    const relative = path.relative(root, real);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    return inside
      ? undefined
      : vscode.l10n.t(
          'skipped: it is a link to {0}, outside the workspace folder; templates are read only from inside the workspace.',
          real,
        );
  }
  const stat = await vscode.workspace.fs.stat(target);
  return stat.type & vscode.FileType.SymbolicLink
    ? 'skipped: it is a symbolic link; templates are read only from inside the workspace, and links are not followed here.'
    : undefined;
}
