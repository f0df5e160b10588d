import * as zlib from 'zlib';

/**
 * Reads a VSIX as `vsce package` wrote it: a plain zip (no zip64, entries
 * stored or deflated), listed from its central directory.
 */

/** Native code by name or by magic number: ELF, PE (MZ), Mach-O (thin and fat). */
export function isNativeBinary(name: string, data: Buffer): boolean {
  if (/\.(node|so|dylib|dll|exe)$/i.test(name)) return true;
  if (data.length < 4) return false;
  const magic = data.readUInt32BE(0);
  return (
    magic === 0x7f454c46 || data.readUInt16BE(0) === 0x4d5a || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)
  );
}

/** One file of a zip, with its uncompressed content. */
export interface ZipEntry {
  name: string;
  bytes: number;
  compressedBytes: number;
  data: Buffer;
}

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

/** Every entry of `archive`, in the order of its central directory. */
export function readZip(archive: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes, unless a comment (up to 64 KB) follows it.
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== endOfCentralDirectory) end--;
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(at) !== centralHeader) throw new Error(`bad central directory entry ${index}`);
    const method = archive.readUInt16LE(at + 10);
    const compressedBytes = archive.readUInt32LE(at + 20);
    const bytes = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    if (archive.readUInt32LE(offset) !== localHeader) throw new Error(`bad local header for ${name}`);
    const dataStart = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const raw = archive.subarray(dataStart, dataStart + compressedBytes);
    const data = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`${name}: unknown compression method ${method}`);
    entries.push({ name, bytes, compressedBytes, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface VsixFigures {
  bytes: number;
  /** The extension's files in the VSIX (under `extension/`), as packaged and as compressed. */
  files: Array<{ name: string; bytes: number; compressedBytes: number }>;
  nativeBinaries: string[];
}

/** Size and contents of the VSIX in `archive`. */
export function vsixFigures(archive: Buffer): VsixFigures {
  const entries = readZip(archive).filter((entry) => entry.name.startsWith('extension/'));
  return {
    bytes: archive.length,
    files: entries.map(({ name, bytes, compressedBytes }) => ({ name: name.slice('extension/'.length), bytes, compressedBytes })),
    nativeBinaries: entries.filter((entry) => isNativeBinary(entry.name, entry.data)).map((entry) => entry.name),
  };
}
