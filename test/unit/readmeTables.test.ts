import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { providerPresets } from '../../src/generation/providerPresets';
import { repoRoot } from '../support/installVsCodeServer';
import { readManifest } from '../support/manifestStrings';
import { keybindingsTable, readmeBlock, settingsTable, type ManifestTables } from '../support/readmeTables';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const manifest = readManifest<ManifestTables>();

describe("The README's reference tables", () => {
  it('list every setting of package.json with its default and description', () => {
    const table = readmeBlock(readme, 'settings');
    assert.ok(table, 'README.md has no <!-- settings:start --> … <!-- settings:end --> block');
    assert.strictEqual(table, settingsTable(manifest), 'the settings table differs from package.json: run `npm run readme:tables`');
    for (const group of manifest.contributes.configuration) {
      for (const key of Object.keys(group.properties)) assert.ok(table.includes(`| \`${key}\` |`), `${key} is missing`);
    }
  });

  it('list every keybinding of package.json under its command title', () => {
    const table = readmeBlock(readme, 'keybindings');
    assert.ok(table, 'README.md has no <!-- keybindings:start --> … <!-- keybindings:end --> block');
    assert.strictEqual(table, keybindingsTable(manifest), 'the shortcuts table differs from package.json: run `npm run readme:tables`');
    assert.strictEqual(table.split('\n').length - 2, manifest.contributes.keybindings.length);
    assert.match(table, /\| Ctrl\+Alt\+W I \| Cmd\+Alt\+W I \| Inkwell: Improve Writing \| in the editor \|/);
  });

  it('give the base URL and model of every provider preset', () => {
    for (const preset of providerPresets.filter((p) => p.baseUrl)) {
      assert.ok(readme.includes(`\`${preset.baseUrl}\``), `no recipe for ${preset.label} (${preset.baseUrl})`);
      assert.ok(readme.includes(`\`${preset.model}\``), `no model ${preset.model} for ${preset.label}`);
    }
  });
});
