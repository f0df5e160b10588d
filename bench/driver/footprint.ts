import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { vsixFigures, type VsixFigures } from './vsixArchive';

/** One line of "what is in the bundle". */
export interface BundlePart {
  /** An npm package, or `Inkwell (src/)` for our own code. */
  name: string;
  bytes: number;
}

export interface FootprintFigures {
  extensionBytes: number;
  vsix: VsixFigures;
  /** dist/extension.js by package, biggest first. */
  extensionParts: BundlePart[];
  /** dist/webview.js by package, biggest first. */
  webviewParts: BundlePart[];
}

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** `node_modules/@scope/name/...` → `@scope/name`; our sources → one line. */
function partOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1];
  return input.startsWith('src/') ? 'Inkwell (src/)' : input;
}

function partsOf(meta: Metafile, output: string): BundlePart[] {
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[output]?.inputs ?? {})) {
    const name = partOf(input);
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** `npm run package` with the VSIX written to `outFile`, as a release builds it. */
function packageVsix(root: string, outFile: string): Buffer {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const run = spawnSync('npm', ['run', 'package', '--', '--out', outFile], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
  return fs.readFileSync(outFile);
}

/**
 * Item 1, the static half: builds the real VSIX with `npm run package`
 * (which builds for production first), then rebuilds the same bundles with
 * esbuild's metafile (same options, so the same bytes) to say what is in them.
 */
export function measureFootprint(root: string, scratch: string): FootprintFigures {
  const vsix = vsixFigures(packageVsix(root, path.join(scratch, 'inkwell.vsix')));
  const build = spawnSync(process.execPath, ['esbuild.js', '--production', '--metafile'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`esbuild failed:\n${build.stdout}\n${build.stderr}`);
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'dist', name), 'utf8')) as Metafile;
  return {
    extensionBytes: fs.statSync(path.join(root, 'dist', 'extension.js')).size,
    vsix,
    extensionParts: partsOf(read('meta.json'), 'dist/extension.js'),
    webviewParts: partsOf(read('meta-webview.json'), 'dist/webview.js'),
  };
}
