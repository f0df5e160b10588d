import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './installVsCodeServer';

/** What `npm run package` packs, so a VSIX older than any of them is stale. */
const packagedInputs = [
  'package.json',
  '.vscodeignore',
  'README.md',
  'CHANGELOG.md',
  'dist/extension.js',
  'dist/webview.js',
  'dist/tokenizer.js',
];

/** Where `vsce package` writes the VSIX by default: `<name>-<version>.vsix` at the root. */
export function packagedVsixPath(root: string = repoRoot): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(root, `${name}-${version}.vsix`);
}

function isFresh(vsix: string, root: string): boolean {
  if (!fs.existsSync(vsix)) return false;
  const built = fs.statSync(vsix).mtimeMs;
  return packagedInputs.every((input) => !fs.existsSync(path.join(root, input)) || fs.statSync(path.join(root, input)).mtimeMs <= built);
}

/**
 * The VSIX `npm run package` built (as `npm test` does before the UI tests),
 * or, when it is missing or older than what it packs, a new one built the
 * same way. Returns its path.
 */
export function ensurePackagedVsix(root: string = repoRoot): string {
  const vsix = packagedVsixPath(root);
  if (isFresh(vsix, root)) return vsix;
  const run = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
  return vsix;
}
