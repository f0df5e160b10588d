import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './installVsCodeServer';

/**
 * package.json names its user-visible strings as `%key%`, with the English in
 * package.nls.json and the Chinese in package.nls.zh-cn.json. Tests that read
 * titles and descriptions from the manifest read them through here, resolved
 * as VS Code resolves them.
 */

/** The display languages Inkwell's manifest is written in; `en` is package.nls.json. */
export type ManifestLanguage = 'en' | 'zh-cn';

export type NlsStrings = Record<string, string>;

const keyPattern = /^%([^%\s]+)%$/;

export function readNls(language: ManifestLanguage, root = repoRoot): NlsStrings {
  const file = language === 'en' ? 'package.nls.json' : `package.nls.${language}.json`;
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as NlsStrings;
}

export function readRawManifest(root = repoRoot): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
}

/** Every `%key%` value in the manifest, in document order, with duplicates. */
export function manifestKeys(manifest: unknown): string[] {
  const keys: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const key = keyPattern.exec(value)?.[1];
      if (key) keys.push(key);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(manifest);
  return keys;
}

/** A copy of `manifest` with each `%key%` replaced by its string (a missing key stays as it is, so a test shows it). */
export function resolveManifest<T>(manifest: T, strings: NlsStrings): T {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = keyPattern.exec(value)?.[1];
      return key !== undefined && strings[key] !== undefined ? strings[key] : value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, resolve(child)]));
    return value;
  };
  return resolve(manifest) as T;
}

/** package.json as a person sees it in `language` (English unless told). */
export function readManifest<T = Record<string, unknown>>(language: ManifestLanguage = 'en', root = repoRoot): T {
  const english = readNls('en', root);
  const strings = language === 'en' ? english : { ...english, ...readNls(language, root) };
  return resolveManifest(readRawManifest(root) as T, strings);
}

/** What must match between an English string and its translation: `{0}` placeholders, `code` spans and `#setting#` links. */
export function fixedParts(text: string): string[] {
  const parts = [...text.matchAll(/\{\d+\}|`[^`]*`|#[\w.]+#/g)].map((match) => match[0]);
  return parts.sort();
}

/**
 * ASCII sentence punctuation written beside a Chinese character, outside code
 * spans, links and URLs: in Chinese text it should be full-width (，。：；？！（）).
 */
export function halfWidthPunctuation(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/https?:\/\/\S+/g, ' ');
  const found = prose.match(/\p{Script=Han}[,.:;?!()]|[,.:;?!()]\p{Script=Han}/gu) ?? [];
  return found;
}

/** Every reason the two nls files do not fit the manifest or each other, one sentence each; empty when they do. */
export function nlsProblems(manifest: unknown, english: NlsStrings, chinese: NlsStrings): string[] {
  const problems: string[] = [];
  const used = new Set(manifestKeys(manifest));
  for (const key of used) {
    if (typeof english[key] !== 'string') problems.push(`%${key}% in package.json is missing from package.nls.json`);
    if (typeof chinese[key] !== 'string') problems.push(`%${key}% in package.json is missing from package.nls.zh-cn.json`);
  }
  for (const [file, strings] of [
    ['package.nls.json', english],
    ['package.nls.zh-cn.json', chinese],
  ] as const) {
    for (const key of Object.keys(strings)) if (!used.has(key)) problems.push(`${key} in ${file} is not used in package.json`);
  }
  for (const key of Object.keys(english)) if (!(key in chinese)) problems.push(`${key} is in package.nls.json only`);
  for (const key of Object.keys(chinese)) if (!(key in english)) problems.push(`${key} is in package.nls.zh-cn.json only`);
  for (const [key, text] of Object.entries(chinese)) {
    const punctuation = halfWidthPunctuation(text);
    if (punctuation.length > 0) problems.push(`${key}: half-width punctuation beside Chinese text: ${punctuation.join(' ')}`);
    if (typeof english[key] === 'string' && fixedParts(english[key]).join('\n') !== fixedParts(text).join('\n'))
      problems.push(`${key}: the Chinese has ${JSON.stringify(fixedParts(text))}, the English ${JSON.stringify(fixedParts(english[key]))}`);
  }
  return problems;
}
