import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './installVsCodeServer';
import { readManifest } from './manifestStrings';

/**
 * The README's settings and keyboard-shortcut tables, generated from
 * package.json (its strings in English, from package.nls.json) so they cannot
 * drift from it: a unit test compares them, and
 * `npm run readme:tables` rewrites them between their marker comments.
 */

interface SettingSchema {
  type?: string | string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  scope?: string;
}

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

/** The parts of package.json the tables are made of. */
export interface ManifestTables {
  contributes: {
    configuration: Array<{ title: string; properties: Record<string, SettingSchema> }>;
    commands: Array<{ command: string; title: string; category?: string }>;
    keybindings: Keybinding[];
  };
}

const cell = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (value: unknown): string => '`' + (typeof value === 'string' ? value : JSON.stringify(value)) + '`';

/** One table per settings group, in the order of the Settings editor. */
export function settingsTable(manifest: ManifestTables): string {
  const out: string[] = [];
  for (const group of manifest.contributes.configuration) {
    out.push(`**${group.title}**`, '', '| Setting | Default | What it does |', '| --- | --- | --- |');
    for (const [key, schema] of Object.entries(group.properties)) {
      let what = cell(schema.markdownDescription ?? schema.description ?? '');
      if (schema.enum) what += ` One of ${schema.enum.map(code).join(', ')}.`;
      if ((schema.scope === 'application' || schema.scope === 'machine') && !/user settings only/i.test(what))
        what += ' User settings only.';
      const defaultCell = schema.default === '' ? 'empty' : cell(code(schema.default));
      out.push(`| \`${key}\` | ${defaultCell} | ${what} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** The `when` contexts Inkwell's keybindings use, in words. */
const contexts: Array<[RegExp, string]> = [
  [/inkwell\.inlineReviewActive/, 'during an inline review'],
  [/resourceScheme == inkwell-review/, 'in a side-by-side review'],
  [/inkwell\.generating/, 'while an answer is being written'],
  [/editorTextFocus/, 'in the editor'],
];

function keys(chord: string): string {
  return chord
    .split(' ')
    .map((part) =>
      part
        .split('+')
        .map((key) => (key.length === 1 ? key.toUpperCase() : key[0].toUpperCase() + key.slice(1)))
        .join('+'),
    )
    .join(' ');
}

/** Every keybinding: keys, macOS keys, command title, where it applies. */
export function keybindingsTable(manifest: ManifestTables): string {
  const titles = new Map(
    manifest.contributes.commands.map((command) => [command.command, `${command.category ? `${command.category}: ` : ''}${command.title}`]),
  );
  const rows = manifest.contributes.keybindings.map((binding) => {
    const where = contexts.filter(([pattern]) => pattern.test(binding.when ?? '')).map(([, words]) => words);
    const when = where.length > 0 ? where[0] : 'anywhere';
    return `| ${cell(keys(binding.key))} | ${cell(keys(binding.mac ?? binding.key))} | ${titles.get(binding.command) ?? binding.command} | ${when} |`;
  });
  return ['| Keys | macOS | Command | When |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const blocks = {
  settings: settingsTable,
  keybindings: keybindingsTable,
} as const;

/** The README's text between `<!-- name:start -->` and `<!-- name:end -->`, or undefined. */
export function readmeBlock(readme: string, name: keyof typeof blocks): string | undefined {
  const match = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  return match?.[1].trim();
}

/** `readme` with every generated block replaced by what `manifest` says. */
export function withGeneratedTables(readme: string, manifest: ManifestTables): string {
  let text = readme;
  for (const [name, make] of Object.entries(blocks)) {
    text = text.replace(
      new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`),
      (_, start: string, end: string) => `${start}\n${make(manifest)}\n${end}`,
    );
  }
  return text;
}

if (require.main === module) {
  const readmePath = path.join(repoRoot, 'README.md');
  const manifest = readManifest<ManifestTables>();
  fs.writeFileSync(readmePath, withGeneratedTables(fs.readFileSync(readmePath, 'utf8'), manifest));
  console.log('README.md: settings and keyboard shortcuts regenerated from package.json');
}
