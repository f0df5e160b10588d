import * as vscode from 'vscode';
import { maxConcurrency } from '../generation/concurrency';
import type { TokenLimitParameter } from '../generation/modelFamilies';
import { activeProfile, parseProfiles, type EndpointProfile, type ProviderKind } from '../generation/endpointProfiles';
import type { OutputMode, SummaryForm, SummaryLength } from '../prompts/tasks';

/** The typed view of every `inkwell.*` setting. */
export interface InkwellConfig {
  /** From the active profile while `inkwell.profiles` has one, like `baseUrl`, `model`, `extraHeaders` and `contextWindow`. */
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  extraHeaders: Record<string, string>;
  azureApiVersion: string;
  azureDeployment: string;
  tokenLimitParameter: TokenLimitParameter;
  temperature: number;
  maxTokens: number;
  requestTimeoutSeconds: number;
  maxRetries: number;
  logContent: boolean;
  answerLanguage: string;
  summaryLength: SummaryLength;
  summaryForm: SummaryForm;
  output: Partial<Record<string, OutputMode>>;
  translateChineseTo: string;
  translateOtherTo: string;
  alternatives: number;
  /** Title → prompt; a list of entries from an earlier Inkwell's settings.json is read too. */
  prompts: PromptsSetting;
  /** Title → where that prompt's answer goes. */
  promptOutputs: Partial<Record<string, OutputMode>>;
  contextWindow: number;
  maxConcurrentRequests: number;
  chatSystemPrompt: string;
  /** Days a chat is kept after its last use; 0 keeps it. */
  chatHistoryRetentionDays: number;
  /** Ask before text that seems to hold a secret is sent. */
  secretGuard: boolean;
  reviewStyle: 'inline' | 'sideBySide';
  /** The named endpoints, valid entries only. */
  profiles: EndpointProfile[];
  /** The name of the profile in use: the one `inkwell.activeProfile` names, else the first; empty without profiles. */
  activeProfile: string;
}

/**
 * `inkwell.prompts`: an object of title → prompt, which the Settings editor
 * edits in place; earlier versions stored a list of entries, which settings.json
 * may still hold.
 */
export type PromptsSetting = Record<string, string> | LegacyPromptEntry[];

/** One entry of the earlier list form of `inkwell.prompts`. */
export interface LegacyPromptEntry {
  title: string;
  prompt: string;
  output?: OutputMode;
}

/**
 * Defaults, and the single list of keys. A test checks these against the
 * categories of `contributes.configuration` in package.json, so the two cannot drift.
 */
export const configDefaults: { readonly [K in keyof InkwellConfig]: InkwellConfig[K] } = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  extraHeaders: {},
  azureApiVersion: '2024-10-21',
  azureDeployment: '',
  tokenLimitParameter: 'auto',
  temperature: 0.7,
  maxTokens: 4096,
  requestTimeoutSeconds: 60,
  maxRetries: 2,
  logContent: false,
  answerLanguage: 'auto',
  summaryLength: 'short',
  summaryForm: 'paragraph',
  output: {},
  translateChineseTo: 'English',
  translateOtherTo: 'Simplified Chinese',
  alternatives: 1,
  prompts: {},
  promptOutputs: {},
  contextWindow: 0,
  maxConcurrentRequests: 4,
  chatSystemPrompt:
    'You are Inkwell, a writing assistant. Answer in Markdown. Be clear and concise, and answer in the language the user writes in.',
  chatHistoryRetentionDays: 0,
  secretGuard: true,
  reviewStyle: 'inline',
  profiles: [],
  activeProfile: '',
};

/** Setting keys as they appear in package.json (`inkwell.<key>`). */
export const settingKeys: { readonly [K in keyof InkwellConfig]: string } = {
  provider: 'provider',
  baseUrl: 'baseUrl',
  model: 'model',
  extraHeaders: 'extraHeaders',
  azureApiVersion: 'azure.apiVersion',
  azureDeployment: 'azure.deployment',
  tokenLimitParameter: 'tokenLimitParameter',
  temperature: 'temperature',
  maxTokens: 'maxTokens',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  maxRetries: 'maxRetries',
  logContent: 'logContent',
  answerLanguage: 'answerLanguage',
  summaryLength: 'summary.length',
  summaryForm: 'summary.form',
  output: 'output',
  translateChineseTo: 'translate.chineseTo',
  translateOtherTo: 'translate.otherTo',
  alternatives: 'alternatives',
  prompts: 'prompts',
  promptOutputs: 'promptOutputs',
  contextWindow: 'contextWindow',
  maxConcurrentRequests: 'maxConcurrentRequests',
  chatSystemPrompt: 'chat.systemPrompt',
  chatHistoryRetentionDays: 'chat.historyRetentionDays',
  secretGuard: 'privacy.secretGuard',
  reviewStyle: 'review.style',
  profiles: 'profiles',
  activeProfile: 'activeProfile',
};

/**
 * Settings that decide where requests (and the key) go. They are
 * application-scoped in the manifest; reading only the user's global value
 * here is the second lock, so a cloned repository's `.vscode/settings.json`
 * can never redirect them.
 */
const endpointSettings = new Set<keyof InkwellConfig>([
  'provider',
  'baseUrl',
  'extraHeaders',
  'azureApiVersion',
  'azureDeployment',
  'tokenLimitParameter',
  'logContent',
  'profiles',
  'activeProfile',
]);

/** Settings that protect the user's text and history: a cloned repository must not switch them off. */
const privacySettings = new Set<keyof InkwellConfig>(['secretGuard', 'chatHistoryRetentionDays']);

/**
 * Every other setting may come from a workspace, but only a trusted one: the
 * manifest lists them all in `capabilities.untrustedWorkspaces.restrictedConfigurations`,
 * and in Restricted Mode this reader takes the user's value alone. VS Code
 * 1.100 already hides a listed setting's workspace value from `get` there,
 * even for a file present at startup; reading `globalValue` ourselves keeps
 * the promise "Restricted Mode uses only your user settings" for a host that
 * does not, or a setting that is missing from the list.
 */
export const restrictedSettings: ReadonlyArray<keyof InkwellConfig> = (Object.keys(configDefaults) as Array<keyof InkwellConfig>).filter(
  (key) => !endpointSettings.has(key) && !privacySettings.has(key),
);

/**
 * The restricted settings that put words in the user's requests or decide how
 * many tokens and requests they pay for. When a trusted workspace sets one,
 * the chat header and the review say so, since the writer did not choose it.
 * Temperature, timeouts and the context window change neither.
 */
export const instructionSettings: ReadonlySet<keyof InkwellConfig> = new Set<keyof InkwellConfig>([
  'model',
  'chatSystemPrompt',
  'prompts',
  'promptOutputs',
  'answerLanguage',
  'translateChineseTo',
  'translateOtherTo',
  'output',
  'summaryLength',
  'summaryForm',
  'maxTokens',
  'alternatives',
  'maxConcurrentRequests',
  'maxRetries',
]);

/** Candidates one rewrite may ask for: each is a full answer the user pays for. */
export const maxAlternatives = 5;

/** Output tokens one answer may ask for: above every common model's output limit, below a runaway bill. */
export const maxOutputTokensCap = 65_536;

/**
 * Bounds of the settings that decide what a request costs (tokens, candidates,
 * parallel and repeated requests), the manifest's `minimum` and `maximum` (a
 * test keeps the two equal). VS Code shows a warning for a value outside them
 * but still returns it, so the reader clamps.
 */
export const costBounds: { readonly [K in keyof InkwellConfig]?: { min: number; max: number } } = {
  maxTokens: { min: 1, max: maxOutputTokensCap },
  maxRetries: { min: 0, max: 10 },
  alternatives: { min: 1, max: maxAlternatives },
  maxConcurrentRequests: { min: 1, max: maxConcurrency },
};

export function readConfig(): InkwellConfig {
  const section = vscode.workspace.getConfiguration('inkwell');
  const userOnly = !vscode.workspace.isTrusted;
  const config = {} as Record<keyof InkwellConfig, unknown>;
  for (const key of Object.keys(configDefaults) as Array<keyof InkwellConfig>) {
    const name = settingKeys[key];
    const value =
      endpointSettings.has(key) || privacySettings.has(key) || userOnly ? section.inspect(name)?.globalValue : section.get(name);
    config[key] = sanitize(key, value);
  }
  return withActiveProfile(config as InkwellConfig, userOnly ? undefined : section);
}

/**
 * The active profile's endpoint in place of the single-endpoint settings, so
 * everything that reads `baseUrl` or `model` follows a switch. Both the list
 * and the name come from the user's settings alone; a trusted workspace may
 * still choose the model and context window, as it could before profiles
 * (the header then names `inkwell.model`), but never where text goes.
 */
function withActiveProfile(config: InkwellConfig, workspace: vscode.WorkspaceConfiguration | undefined): InkwellConfig {
  const profiles = parseProfiles(config.profiles);
  const active = activeProfile(profiles, config.activeProfile);
  if (!active) return { ...config, profiles, activeProfile: '' };
  const fromWorkspace = (name: string): unknown => {
    const inspected = workspace?.inspect(name);
    return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  };
  const model = fromWorkspace(settingKeys.model);
  const contextWindow = fromWorkspace(settingKeys.contextWindow);
  return {
    ...config,
    profiles,
    activeProfile: active.name,
    provider: active.provider,
    baseUrl: active.baseUrl || configDefaults.baseUrl,
    model: typeof model === 'string' ? model : active.model,
    extraHeaders: active.extraHeaders ?? {},
    contextWindow: typeof contextWindow === 'number' && Number.isFinite(contextWindow) ? contextWindow : (active.contextWindow ?? 0),
  };
}

/**
 * The `inkwell.*` settings whose value in effect comes from the workspace and
 * shapes requests (see `instructionSettings`), as `inkwell.<name>`; empty in
 * Restricted Mode, where no workspace value is read.
 */
export function workspaceInstructionSettings(): string[] {
  if (!vscode.workspace.isTrusted) return [];
  const section = vscode.workspace.getConfiguration('inkwell');
  return [...instructionSettings]
    .filter((key) => {
      const inspected = section.inspect(settingKeys[key]);
      return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
    })
    .map((key) => `inkwell.${settingKeys[key]}`);
}

/** A hand-edited value of the wrong kind falls back to the default; a cost setting is held to its bounds. */
function sanitize(key: keyof InkwellConfig, value: unknown): unknown {
  const fallback = configDefaults[key];
  if (key === 'prompts' && Array.isArray(value)) return value;
  if (value === undefined || value === null || typeof value !== typeof fallback || Array.isArray(value) !== Array.isArray(fallback))
    return fallback;
  const bounds = costBounds[key];
  if (!bounds || typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.round(value), bounds.min), bounds.max);
}
