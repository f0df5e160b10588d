import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './installVsCodeServer';

/** The sample documents a newcomer tries the commands on, committed in the repository. */
export const samplesDir = path.join(repoRoot, 'samples');

/**
 * Where `npm start` keeps its state between runs: outside the repository, so
 * the workspace is not inside a git repository (VS Code would ask about the
 * parent repository on every reload) and a theme installed into the server
 * data dir is not mistaken for one of Inkwell's. `INKWELL_DEV_HOME` moves it.
 */
export function devHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.INKWELL_DEV_HOME ? path.resolve(env.INKWELL_DEV_HOME) : path.join(os.homedir(), '.inkwell-dev');
}

/** The paths under {@link devHome} that `npm start` uses. */
export interface DevPaths {
  /** The folder the workbench opens, seeded with the samples. */
  workspace: string;
  /** VS Code's server data (settings, keys, extensions), kept so they survive a restart. */
  serverData: string;
  /** What was last copied into the workspace, so later runs can tell the user's edits from ours. */
  seedRecord: string;
}

export function devPaths(home: string = devHome()): DevPaths {
  return {
    workspace: path.join(home, 'workspace'),
    serverData: path.join(home, 'server-data'),
    seedRecord: path.join(home, 'seeded-samples.json'),
  };
}

/** What {@link seedWorkspace} did with each sample, by file name. */
export interface SeedReport {
  copied: string[];
  updated: string[];
  /** Changed or deleted by the user since they were copied: left as they are. */
  keptUserChanges: string[];
}

type SeedRecord = Record<string, string>;

function hashOf(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function readRecord(file: string): SeedRecord {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedRecord;
  } catch {
    return {};
  }
}

/**
 * Copies the samples into `workspace`. A sample copied on an earlier run is
 * updated only while the copy is exactly what was copied; once the user has
 * edited or deleted it, it is theirs and stays as it is.
 */
export function seedWorkspace(workspace: string, seedRecordFile: string, from: string = samplesDir): SeedReport {
  fs.mkdirSync(workspace, { recursive: true });
  const record = readRecord(seedRecordFile);
  const report: SeedReport = { copied: [], updated: [], keptUserChanges: [] };
  for (const name of fs.readdirSync(from).sort()) {
    const source = path.join(from, name);
    if (!fs.statSync(source).isFile()) {
      continue;
    }
    const target = path.join(workspace, name);
    const sampleHash = hashOf(source);
    const seededHash = record[name];
    const present = fs.existsSync(target);
    if (!present && seededHash === undefined) {
      fs.copyFileSync(source, target);
      report.copied.push(name);
    } else if (!present || hashOf(target) !== seededHash) {
      report.keptUserChanges.push(name);
      continue;
    } else if (seededHash !== sampleHash) {
      fs.copyFileSync(source, target);
      report.updated.push(name);
    }
    record[name] = sampleHash;
  }
  fs.mkdirSync(path.dirname(seedRecordFile), { recursive: true });
  fs.writeFileSync(seedRecordFile, JSON.stringify(record, undefined, 2) + '\n');
  return report;
}
