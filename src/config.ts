import * as vscode from 'vscode';
import type { TokenLimitParameter } from './generation/modelFamilies';
import type { OutputMode, SummaryForm, SummaryLength } from './prompts/tasks';

/** Which family of model service Inkwell talks to. */
export type ProviderKind = 'openai' | 'azure' | 'vscode';

/** The typed view of every `inkwell.*` setting. */
export interface InkwellConfig {
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
  prompts: UserPromptSetting[];
  contextWindow: number;
  maxConcurrentRequests: number;
  chatSystemPrompt: string;
  /** Days a chat is kept after its last use; 0 keeps it. */
  chatHistoryRetentionDays: number;
  /** Ask before text that seems to hold a secret is sent. */
  secretGuard: boolean;
  reviewStyle: 'inline' | 'sideBySide';
}

/** One entry of `inkwell.prompts`: a user's own writing task. */
export interface UserPromptSetting {
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
  prompts: [],
  contextWindow: 0,
  maxConcurrentRequests: 4,
  chatSystemPrompt: 'You are Inkwell, a writing assistant. Answer in Markdown. Be clear and concise, and answer in the language the user writes in.',
  chatHistoryRetentionDays: 0,
  secretGuard: true,
  reviewStyle: 'sideBySide',
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
  contextWindow: 'contextWindow',
  maxConcurrentRequests: 'maxConcurrentRequests',
  chatSystemPrompt: 'chat.systemPrompt',
  chatHistoryRetentionDays: 'chat.historyRetentionDays',
  secretGuard: 'privacy.secretGuard',
  reviewStyle: 'review.style',
};

/**
 * Settings that decide where requests (and the key) go. They are
 * application-scoped in the manifest; reading only the user's global value
 * here is the second lock, so a cloned repository's `.vscode/settings.json`
 * can never redirect them.
 */
const endpointSettings = new Set<keyof InkwellConfig>(['provider', 'baseUrl', 'extraHeaders', 'azureApiVersion', 'azureDeployment', 'tokenLimitParameter', 'logContent']);

/** Settings that protect the user's text and history: a cloned repository must not switch them off. */
const privacySettings = new Set<keyof InkwellConfig>(['secretGuard', 'chatHistoryRetentionDays']);

export function readConfig(): InkwellConfig {
  const section = vscode.workspace.getConfiguration('inkwell');
  const config = {} as Record<keyof InkwellConfig, unknown>;
  for (const key of Object.keys(configDefaults) as Array<keyof InkwellConfig>) {
    const name = settingKeys[key];
    if (endpointSettings.has(key) || privacySettings.has(key)) {
      const inspected = section.inspect(name);
      config[key] = inspected?.globalValue ?? configDefaults[key];
    } else {
      config[key] = section.get(name, configDefaults[key]);
    }
  }
  return config as InkwellConfig;
}
