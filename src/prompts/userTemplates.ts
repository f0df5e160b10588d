import { maxLanguageNameChars } from './rules';
import { outputModes, type OutputMode, type WritingTask } from './tasks';

/** A user's own writing task, from `inkwell.prompts` or a `.inkwell/prompts/*.md` file. */
export interface UserTemplate {
  title: string;
  /** The prompt, with `{{selection}}`, `{{document}}`, `{{language}}` and `{{input}}`. */
  body: string;
  output?: OutputMode;
  /** Where it was defined, for error messages: a file path or `settings`. */
  source: string;
}

/** A template that cannot be used, and why, naming where it is. */
export class TemplateError extends Error {
  constructor(
    readonly source: string,
    problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

export const templatePlaceholders = ['selection', 'document', 'language', 'input'] as const;

/** Checks a template; throws a `TemplateError` naming the problem. */
export function validateTemplate(template: UserTemplate): UserTemplate {
  if (!template.title?.trim()) throw new TemplateError(template.source, 'the template has no title (add `title:` to its front matter).');
  if (!template.body?.trim()) throw new TemplateError(template.source, `"${template.title}" has an empty prompt.`);
  if (template.output !== undefined && !outputModes.includes(template.output)) {
    throw new TemplateError(template.source, `"${template.title}" has output "${template.output}"; use one of ${outputModes.join(', ')}.`);
  }
  const unknown = [...template.body.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)]
    .map((match) => match[1])
    .filter((name) => !(templatePlaceholders as readonly string[]).includes(name));
  if (unknown.length) {
    throw new TemplateError(
      template.source,
      `"${template.title}" uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{{${name}}}`).join(', ')}; available: ${templatePlaceholders.map((name) => `{{${name}}}`).join(', ')}.`,
    );
  }
  return template;
}

/**
 * The templates of the `inkwell.prompts` setting: an object of title → prompt
 * (what the Settings editor edits), with each output mode from
 * `inkwell.promptOutputs`; or the list of `{ title, prompt, output }` entries
 * earlier versions stored, so no one loses a template they wrote. Values come
 * from hand-edited JSON, so each is checked; one broken entry does not hide the others.
 */
export function settingTemplates(prompts: unknown, outputs: unknown): { templates: UserTemplate[]; problems: TemplateError[] } {
  const outputFor = (title: string): OutputMode | undefined => {
    const mode =
      outputs && typeof outputs === 'object' && !Array.isArray(outputs) ? (outputs as Record<string, unknown>)[title] : undefined;
    return typeof mode === 'string' ? (mode as OutputMode) : undefined;
  };
  const entries: UserTemplate[] = [];
  if (Array.isArray(prompts)) {
    for (const [index, entry] of prompts.entries()) {
      const fields = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
      const title = typeof fields.title === 'string' ? fields.title : '';
      const output = typeof fields.output === 'string' ? (fields.output as OutputMode) : outputFor(title);
      entries.push({ title, body: typeof fields.prompt === 'string' ? fields.prompt : '', output, source: `inkwell.prompts[${index}]` });
    }
  } else if (prompts && typeof prompts === 'object') {
    for (const [title, body] of Object.entries(prompts)) {
      entries.push({ title, body: typeof body === 'string' ? body : '', output: outputFor(title), source: 'inkwell.prompts' });
    }
  }
  const templates: UserTemplate[] = [];
  const problems: TemplateError[] = [];
  for (const entry of entries) {
    try {
      templates.push(validateTemplate(entry));
    } catch (error) {
      problems.push(error as TemplateError);
    }
  }
  return { templates, problems };
}

/**
 * Parses a markdown template file: optional front matter (`title:`, `output:`)
 * between `---` lines, then the prompt. Without a title the file name is used.
 */
export function parseTemplateFile(path: string, content: string): UserTemplate {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const fileTitle = path.split(/[\\/]/).pop()!.replace(/\.md$/i, '');
  const frontMatter = text.match(/^---\n([\s\S]*?)\n---\n?/);
  if (text.startsWith('---\n') && !frontMatter)
    throw new TemplateError(path, 'the front matter starting with `---` is never closed by another `---` line.');
  const fields: Record<string, string> = {};
  if (frontMatter) {
    for (const [index, line] of frontMatter[1].split('\n').entries()) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const field = line.match(/^([A-Za-z]+)\s*:\s*(.*)$/);
      if (!field) throw new TemplateError(path, `front matter line ${index + 2} is not \`key: value\`: "${line}".`);
      fields[field[1].toLowerCase()] = field[2].trim().replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  const body = frontMatter ? text.slice(frontMatter[0].length) : text;
  return validateTemplate({
    title: fields.title || fileTitle,
    body: body.trim(),
    output: fields.output as OutputMode | undefined,
    source: path,
  });
}

/**
 * The writing task a template runs as; its prompt goes through the same
 * shared rules as the built-ins. The whole document is framed like the
 * selection, and the language, a setting, is quoted as a name.
 */
export function templateTask(template: UserTemplate): WritingTask {
  return {
    id: `user:${template.title}`,
    title: template.title,
    instruction: template.body,
    defaultOutput: template.output ?? 'insertBelow',
    kind: 'generate',
    keepMarkdown: true,
    framedVariables: ['document'],
    quotedVariables: { language: maxLanguageNameChars },
  };
}
