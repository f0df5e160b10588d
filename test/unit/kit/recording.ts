import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { GenerationLogger } from '../../../src/generation/types';

/** A log channel that remembers what was written, for tests that check what gets logged. */
export interface RecordingLog {
  lines: Array<{ level: 'info' | 'warn' | 'error'; message: string }>;
  channel: GenerationLogger;
}

export function recordingLog(): RecordingLog {
  const lines: RecordingLog['lines'] = [];
  const channel: GenerationLogger = {
    info: (message: string) => lines.push({ level: 'info', message }),
    warn: (message: string) => lines.push({ level: 'warn', message }),
    error: (message: string) => lines.push({ level: 'error', message: String(message) }),
  };
  return { lines, channel };
}

/** A fresh empty folder for a store, removed by the caller. */
export function tempFolder(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `inkwell-${label}-`));
}

/**
 * Appends a measured figure to test-results/chat-figures.json (git-ignored),
 * where the harness cannot lose it; every suite, in Node or in VS Code, writes
 * to the same file.
 */
export function recordFigure(name: string, value: unknown): void {
  const file = path.resolve(__dirname, '..', '..', '..', '..', 'test-results', 'chat-figures.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const figures = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  figures[name] = value;
  fs.writeFileSync(file, JSON.stringify(figures, undefined, 2));
}
