import { endpointHost, endpointOrigin, keyStorageId } from './endpoint';
import { providerPresets } from './providerPresets';

/** Which family of model service Inkwell talks to. */
export type ProviderKind = 'openai' | 'azure' | 'vscode';

const providerKinds: readonly ProviderKind[] = ['openai', 'azure', 'vscode'];

/** One named endpoint of `inkwell.profiles`: where text goes, with which model and headers. */
export interface EndpointProfile {
  name: string;
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  /** Sent with every request to this profile's endpoint only. */
  extraHeaders?: Record<string, string>;
  /** Tokens the model reads; absent or 0: known from the model's name. */
  contextWindow?: number;
}

/** The endpoint fields a profile replaces: the single-endpoint settings of earlier versions. */
export type EndpointFields = Omit<EndpointProfile, 'name'>;

/** Long enough for "Work (Azure, EU)", short enough for the status bar. */
export const maxProfileNameChars = 60;

/**
 * The valid entries of a hand-edited `inkwell.profiles`, in order. An entry
 * without a name, a known provider, or text for the URL and model is left
 * out rather than guessed at; of two entries with one name the first counts,
 * so a name always means one endpoint.
 */
export function parseProfiles(value: unknown): EndpointProfile[] {
  if (!Array.isArray(value)) return [];
  const profiles: EndpointProfile[] = [];
  for (const entry of value) {
    const profile = parseProfile(entry);
    if (profile && !profiles.some((known) => sameName(known.name, profile.name))) profiles.push(profile);
  }
  return profiles;
}

function parseProfile(entry: unknown): EndpointProfile | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  const provider = record.provider as ProviderKind;
  if (!name || name.length > maxProfileNameChars || !providerKinds.includes(provider)) return undefined;
  if (typeof record.baseUrl !== 'string' || typeof record.model !== 'string') return undefined;
  // Only the language-model provider may leave the URL out: it sends nothing over the network.
  if (provider !== 'vscode' && !record.baseUrl.trim()) return undefined;
  const profile: EndpointProfile = { name, provider, baseUrl: record.baseUrl.trim(), model: record.model.trim() };
  const headers = stringRecord(record.extraHeaders);
  if (headers) profile.extraHeaders = headers;
  if (Number.isInteger(record.contextWindow) && (record.contextWindow as number) > 0)
    profile.contextWindow = record.contextWindow as number;
  return profile;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Profile names compare without regard to case or edge spaces, as a person reading the status bar would. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function findProfile(profiles: readonly EndpointProfile[], name: string): EndpointProfile | undefined {
  return profiles.find((profile) => sameName(profile.name, name));
}

/**
 * The profile in use: the one `activeName` names, else the first. A name
 * that matches none (a typo, or a profile removed on another machine) must
 * not leave Inkwell without an endpoint, and the first is the one the user
 * listed first.
 */
export function activeProfile(profiles: readonly EndpointProfile[], activeName: string): EndpointProfile | undefined {
  return findProfile(profiles, activeName) ?? profiles[0];
}

/**
 * The SecretStorage entry of a profile's key: its endpoint's origin, so two
 * profiles on one origin share a key and a key is never sent to another
 * origin. Language-model profiles have none.
 */
export function profileKeyId(profile: Pick<EndpointProfile, 'provider' | 'baseUrl'>): string | undefined {
  return profile.provider === 'vscode' ? undefined : keyStorageId(profile.baseUrl);
}

export const languageModelsName = 'VS Code Language Models';

/**
 * A name for an endpoint, after its provider: the preset whose address it
 * has (DeepSeek, Ollama), Azure OpenAI, VS Code Language Models, or else its
 * host. `taken` names are avoided by numbering: "Ollama 2".
 */
export function profileNameFor(endpoint: Pick<EndpointProfile, 'provider' | 'baseUrl'>, taken: readonly string[] = []): string {
  return uniqueName(providerName(endpoint), taken);
}

function providerName(endpoint: Pick<EndpointProfile, 'provider' | 'baseUrl'>): string {
  if (endpoint.provider === 'vscode') return languageModelsName;
  if (endpoint.provider === 'azure') return 'Azure OpenAI';
  const origin = endpointOrigin(endpoint.baseUrl);
  const preset = providerPresets.find((candidate) => candidate.baseUrl && endpointOrigin(candidate.baseUrl) === origin);
  return (preset?.label ?? endpointHost(endpoint.baseUrl)).slice(0, maxProfileNameChars) || 'Endpoint';
}

/** `wanted`, or with the first free number after it. */
export function uniqueName(wanted: string, taken: readonly string[]): string {
  const base = wanted.trim().slice(0, maxProfileNameChars - 3) || 'Endpoint';
  if (!taken.some((name) => sameName(name, base))) return base;
  for (let number = 2; ; number++) {
    const candidate = `${base} ${number}`;
    if (!taken.some((name) => sameName(name, candidate))) return candidate;
  }
}

/** The single-endpoint settings as the user set them: undefined where they kept the default. */
export type SingleEndpointValues = { [K in keyof Required<EndpointFields>]?: unknown };

/**
 * The first profile, made from the single-endpoint settings of earlier
 * versions; undefined when there is nothing to carry over: profiles exist
 * already (so running it again changes nothing), or the user never chose an
 * endpoint and stored no key for the default one (the newcomer's "nothing
 * configured", which the setup welcome answers). The profile keeps the
 * base URL, so the key stored under its origin is found as before.
 */
export function migratedProfile(
  existing: unknown,
  user: SingleEndpointValues,
  defaults: Required<EndpointFields>,
  hasDefaultKey: boolean,
): EndpointProfile | undefined {
  // A list the user emptied is a choice too: only a setting never written is migrated.
  if (existing !== undefined) return undefined;
  const chosen = (['provider', 'baseUrl', 'model', 'extraHeaders', 'contextWindow'] as const).some((key) => user[key] !== undefined);
  if (!chosen && !hasDefaultKey) return undefined;
  const pick = <K extends keyof EndpointFields>(key: K, valid: (value: unknown) => boolean): Required<EndpointFields>[K] =>
    (valid(user[key]) ? user[key] : defaults[key]) as Required<EndpointFields>[K];
  const provider = pick('provider', (value) => providerKinds.includes(value as ProviderKind));
  const baseUrl = pick('baseUrl', (value) => typeof value === 'string' && value.trim() !== '').trim();
  const fields: EndpointFields = {
    provider,
    baseUrl,
    model: pick('model', (value) => typeof value === 'string').trim(),
  };
  const headers = stringRecord(user.extraHeaders);
  if (headers) fields.extraHeaders = headers;
  const contextWindow = user.contextWindow;
  if (Number.isInteger(contextWindow) && (contextWindow as number) > 0) fields.contextWindow = contextWindow as number;
  return { name: profileNameFor(fields), ...fields };
}

/**
 * A profile after Choose Provider changed its endpoint or model. Headers stay
 * only while the origin does (they may carry a token meant for that server
 * alone), and a context window only while the model does (it describes that model).
 */
export function editedProfile(profile: EndpointProfile, changes: Partial<EndpointFields>): EndpointProfile {
  const next: EndpointProfile = { ...profile, ...changes };
  const originKept = changes.baseUrl === undefined || endpointOrigin(changes.baseUrl) === endpointOrigin(profile.baseUrl);
  if (!originKept && changes.extraHeaders === undefined) delete next.extraHeaders;
  const modelKept = changes.model === undefined || changes.model === profile.model;
  if (!modelKept && changes.contextWindow === undefined) delete next.contextWindow;
  return next;
}

/** The list with `profile` in place of the one of its name, or added at the end. */
export function withProfile(profiles: readonly EndpointProfile[], profile: EndpointProfile): EndpointProfile[] {
  const index = profiles.findIndex((known) => sameName(known.name, profile.name));
  return index < 0 ? [...profiles, profile] : profiles.map((known, at) => (at === index ? profile : known));
}
