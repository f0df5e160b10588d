import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/**
 * The VSIX as `vsce package --no-dependencies` would build it, without
 * installing vsce: the files `.vscodeignore` lets through, under
 * `extension/`, plus the two small XML files every VSIX carries, deflated
 * into a zip with Node's zlib. Checked against `npx @vscode/vsce@4.1.0
 * package --no-dependencies`: 1,321,532 bytes from vsce, 1,321,130 here
 * (its two XML files are a little longer). vsce is not a dependency: it
 * wants Node 22 and a large tree of packages, for one number.
 */

/** Always left out by vsce, whatever `.vscodeignore` says (the subset that can occur here). */
const vsceDefaultIgnore = ['.vscodeignore', '**/.git/**', '**/*.vsix', '**/.DS_Store', '**/*.vsixmanifest', '**/.vscode-test/**', '**/.vscode-test-web/**'];

/** Folders never walked: vsce adds dependencies itself (none with --no-dependencies), and these hold no package files. */
const skippedFolders = new Set(['.git', 'node_modules', '.vscode-test']);

/** minimatch-style glob (`**`, `*`, `?`, `dot: true`) as a regular expression over a relative path. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/^\.?\//, '');
  let source = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at];
    if (pattern.startsWith('**/', at)) {
      source += '(?:.*/)?';
      at += 2;
    } else if (pattern.startsWith('**', at)) {
      source += '.*';
      at += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * vsce's rule: a file is left out when it matches an ignore pattern and no
 * negated (`!`) one; a pattern naming a folder also covers what is inside it.
 */
export function packagedFiles(root: string): string[] {
  const ignoreFile = path.join(root, '.vscodeignore');
  const lines = fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split(/\r?\n/) : [];
  const patterns = [...vsceDefaultIgnore, ...lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#'))];
  const withFolders = patterns.flatMap((pattern) => (/\*\*$/.test(pattern) ? [pattern] : [pattern, `${pattern.replace(/\/$/, '')}/**`]));
  const ignored = withFolders.filter((pattern) => !pattern.startsWith('!')).map(globToRegExp);
  const kept = withFolders.filter((pattern) => pattern.startsWith('!')).map((pattern) => globToRegExp(pattern.slice(1)));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) walk(relative);
      } else if (entry.isFile()) {
        const isIgnored = ignored.some((re) => re.test(relative)) && !kept.some((re) => re.test(relative));
        if (!isIgnored || relative === 'package.json') files.push(relative);
      }
    }
  };
  walk('');
  return files.sort();
}

function vsixManifest(manifest: { name: string; publisher: string; version: string; displayName?: string; description?: string; engines?: { vscode?: string } }): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version}" Publisher="${manifest.publisher}" />
    <DisplayName>${manifest.displayName ?? manifest.name}</DisplayName>
    <Description xml:space="preserve">${manifest.description ?? ''}</Description>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${manifest.engines?.vscode ?? ''}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
    </Properties>
  </Metadata>
  <Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation>
  <Dependencies/>
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
  </Assets>
</PackageManifest>
`;
}

function contentTypes(names: readonly string[]): string {
  const extensions = [...new Set(names.map((name) => path.extname(name).slice(1).toLowerCase()).filter(Boolean))];
  return `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".vsixmanifest" ContentType="text/xml"/>${extensions
    .map((extension) => `<Default Extension=".${extension}" ContentType="application/octet-stream"/>`)
    .join('')}</Types>
`;
}

/** A zip of `entries` (deflated, as vsce's yazl writes them), and each entry's compressed size. */
export function zip(entries: ReadonlyArray<{ name: string; data: Buffer }>): { archive: Buffer; compressedBytes: number[] } {
  const locals: Buffer[] = [];
  const compressedBytes: number[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data);
    compressedBytes.push(compressed.length);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return { archive: Buffer.concat([...locals, directory, end]), compressedBytes };
}

/** Native code by name or by magic number: ELF, PE (MZ), Mach-O (thin and fat). */
export function isNativeBinary(name: string, data: Buffer): boolean {
  if (/\.(node|so|dylib|dll|exe)$/i.test(name)) return true;
  if (data.length < 4) return false;
  const magic = data.readUInt32BE(0);
  return magic === 0x7f454c46 || data.readUInt16BE(0) === 0x4d5a || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

export interface VsixFigures {
  bytes: number;
  /** The extension's files in the VSIX, as packaged and as compressed. */
  files: Array<{ name: string; bytes: number; compressedBytes: number }>;
  nativeBinaries: string[];
}

/** Builds the VSIX in memory (written to `outFile` for inspection) and reports its size and contents. */
export function buildVsix(root: string, outFile: string): VsixFigures {
  const files = packagedFiles(root);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Parameters<typeof vsixManifest>[0];
  const entries = files.map((name) => ({ name: `extension/${name}`, data: fs.readFileSync(path.join(root, name)) }));
  const { archive, compressedBytes } = zip([
    ...entries,
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes(files)) },
    { name: 'extension.vsixmanifest', data: Buffer.from(vsixManifest(manifest)) },
  ]);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, archive);
  return {
    bytes: archive.length,
    files: files.map((name, index) => ({ name, bytes: entries[index].data.length, compressedBytes: compressedBytes[index] })),
    nativeBinaries: entries.filter((entry) => isNativeBinary(entry.name, entry.data)).map((entry) => entry.name),
  };
}
