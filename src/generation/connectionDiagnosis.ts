import type { KeyFamily } from './apiKeyFormat';
import type { Probe } from './connectionProbe';
import { endpointHost, endpointOrigin, isLoopbackEndpoint } from './endpoint';
import { providerPresets } from './providerPresets';

/** The usual mistakes "Test Connection" recognises; stable, for scripts. */
export type DiagnosisCode =
  | 'doubledV1'
  | 'missingV1'
  | 'endpointPath'
  | 'ollamaNativeApi'
  | 'nothingOnPort'
  | 'ollamaModelNotPulled'
  | 'keyForAnotherProvider'
  | 'azureDeploymentName'
  | 'azureAsOpenAI';

/** A button that leads to the fix; the labels are those of src/shared/errorActions.ts. */
export type DiagnosisFix = 'Open Settings' | 'Choose Provider' | 'Set API Key';

/** The likely mistake and its fix, in words the user can act on. */
export interface ConnectionDiagnosis {
  code: DiagnosisCode;
  /** What was seen and what to change, without the "Inkwell:" prefix. */
  message: string;
  /** The fix first. */
  actions: DiagnosisFix[];
  /** The `inkwell.*` setting the fix is in, so Open Settings can show that one. */
  setting?: 'baseUrl' | 'model' | 'azure.deployment';
}

/** What one request of the test brought back. */
export type StepOutcome =
  | { ok: true; models?: readonly string[] }
  | {
      ok: false;
      /** The GenerationError category. */
      category: string;
      status?: number;
      code?: string;
      serverText?: string;
      networkCause?: string;
    };

/** Everything the diagnosis goes on, whatever the settings came from. No key: only its shape. */
export interface ConnectionFacts {
  kind: 'openai' | 'azure';
  baseUrl: string;
  model: string;
  /** Empty or undefined when the model names the deployment. */
  azureDeployment?: string;
  /** Which service the stored key's shape belongs to, when it tells. */
  keyFamily?: KeyFamily;
  /** The model list request. */
  models: StepOutcome;
  /** The one-token completion; undefined when the test stopped before it. */
  completion?: StepOutcome;
}

type Failure = Extract<StepOutcome, { ok: false }>;

function failures(facts: ConnectionFacts): Failure[] {
  return [facts.completion, facts.models].filter((step): step is Failure => step !== undefined && !step.ok);
}

/** Services known by their host, for "the endpoint is OpenAI's". */
function serviceAt(baseUrl: string): { label: string; presetId?: string } | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
  if (/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)) return { label: 'Azure OpenAI' };
  // The international DashScope and Moonshot hosts take the same keys as the ones the presets name.
  const aliases: Record<string, string> = { 'dashscope-intl.aliyuncs.com': 'qwen', 'api.moonshot.ai': 'moonshot' };
  const preset = providerPresets.find(
    (candidate) => candidate.baseUrl && !isLoopbackEndpoint(candidate.baseUrl) && new URL(candidate.baseUrl).hostname === host,
  );
  const id = preset?.id ?? aliases[host];
  const found = providerPresets.find((candidate) => candidate.id === id);
  return found && { label: found.label.replace(/ \(.*\)$/, ''), presetId: found.id };
}

function isAzureHost(baseUrl: string): boolean {
  return serviceAt(baseUrl)?.label === 'Azure OpenAI';
}

function trimmedPath(baseUrl: string): { url: URL; path: string } | undefined {
  try {
    const url = new URL(baseUrl);
    return { url, path: url.pathname.replace(/\/+$/, '') };
  } catch {
    return undefined;
  }
}

function listed(models: readonly string[], most = 8): string {
  return `${models.slice(0, most).join(', ')}${models.length > most ? ', …' : ''}`;
}

function nothingOnPort(facts: ConnectionFacts): ConnectionDiagnosis | undefined {
  if (!failures(facts).some((step) => step.networkCause === 'ECONNREFUSED')) return undefined;
  const parsed = trimmedPath(facts.baseUrl);
  if (!parsed) return undefined;
  const port = parsed.url.port || (parsed.url.protocol === 'https:' ? '443' : '80');
  const seen = `Nothing answers on port ${port} of ${parsed.url.hostname} (connection refused).`;
  const hint = !isLoopbackEndpoint(facts.baseUrl)
    ? ' Check the port in inkwell.baseUrl and that the server is running.'
    : port === '1234'
      ? " That is LM Studio's port: start LM Studio's local server, or, for Ollama, use port 11434."
      : port === '11434'
        ? " That is Ollama's port: start Ollama (`ollama serve`), or, for LM Studio, use port 1234."
        : ' Ollama listens on 11434 and LM Studio on 1234 out of the box: start the server, or correct the port in inkwell.baseUrl.';
  return { code: 'nothingOnPort', message: seen + hint, actions: ['Choose Provider', 'Open Settings'], setting: 'baseUrl' };
}

function ollamaModelNotPulled(facts: ConnectionFacts): ConnectionDiagnosis | undefined {
  // Ollama's own words for a model it does not have, in its OpenAI-compatible and its own API alike.
  if (!failures(facts).some((step) => step.status === 404 && /not found, try pulling it first/i.test(step.serverText ?? '')))
    return undefined;
  const models = facts.models.ok ? (facts.models.models ?? []) : [];
  const instead = models.length
    ? `set inkwell.model to one it has (${listed(models)})`
    : 'set inkwell.model to one that `ollama list` shows';
  return {
    code: 'ollamaModelNotPulled',
    message: `Ollama has no model "${facts.model}": run \`ollama pull ${facts.model}\` in a terminal, or ${instead}.`,
    actions: ['Open Settings'],
    setting: 'model',
  };
}

function azureMistake(facts: ConnectionFacts): ConnectionDiagnosis | undefined {
  const host = endpointHost(facts.baseUrl);
  if (facts.kind === 'azure' && failures(facts).some((step) => step.status === 404 && step.code === 'DeploymentNotFound')) {
    const deployment = facts.azureDeployment || facts.model;
    const from = facts.azureDeployment
      ? ''
      : ` Inkwell used inkwell.model as the deployment name, since inkwell.azure.deployment is empty.`;
    return {
      code: 'azureDeploymentName',
      message: `Azure has no deployment named "${deployment}" on ${host} (404 DeploymentNotFound).${from} On Azure the model is the deployment name you chose when you deployed it (Azure AI Foundry → Deployments), which can differ from the model's own name: put that name in inkwell.azure.deployment.`,
      actions: ['Open Settings'],
      setting: 'azure.deployment',
    };
  }
  if (facts.kind === 'openai' && isAzureHost(facts.baseUrl) && failures(facts).some((step) => step.status === 404)) {
    return {
      code: 'azureAsOpenAI',
      message: `${host} is an Azure OpenAI address, but inkwell.provider is "openai", so Inkwell asked it in a form Azure does not serve (404). Choose "Azure OpenAI" with Choose Provider and give the resource address and your deployment name.`,
      actions: ['Choose Provider'],
    };
  }
  return undefined;
}

function keyForAnotherProvider(facts: ConnectionFacts): ConnectionDiagnosis | undefined {
  const family = facts.keyFamily;
  if (!family || !failures(facts).some((step) => step.category === 'authFailed')) return undefined;
  const service = serviceAt(facts.baseUrl);
  // A key of the right shape that is refused is simply a wrong or revoked key: the usual message says so.
  if (service?.presetId && family.presets.includes(service.presetId)) return undefined;
  const host = endpointHost(facts.baseUrl);
  const a = /^[AEIOU]/.test(family.issuer) ? 'an' : 'a';
  const seen = service
    ? `This key looks like ${a} ${family.issuer} key (${family.shape}), but the endpoint is ${service.label}'s (${host}), which rejected it (401).`
    : `This key looks like ${a} ${family.issuer} key (${family.shape}), and ${host} rejected it (401). A key works only with the service that issued it.`;
  const own = `Store ${service ? `your ${service.label}` : "this endpoint's own"} key with Set API Key`;
  const fix = family.presets.length ? `${own}, or choose ${family.issuer} with Choose Provider.` : `${own}.`;
  return {
    code: 'keyForAnotherProvider',
    message: `${seen} ${fix}`,
    actions: family.presets.length ? ['Set API Key', 'Choose Provider'] : ['Set API Key'],
  };
}

/** The OpenAI-compatible model list under `base`, as the probe found it. */
async function modelsAt(base: string, probe: Probe): Promise<string[] | undefined> {
  return (await probe(`${base}/models`)).modelIds;
}

async function wrongPath(facts: ConnectionFacts, probe: Probe): Promise<ConnectionDiagnosis | undefined> {
  if (facts.kind !== 'openai') return undefined;
  // Only a 404 from the server itself says the address is wrong; the probes are asked only then, once it has answered.
  if (!failures(facts).some((step) => step.status === 404 && step.category === 'badBaseUrl')) return undefined;
  const parsed = trimmedPath(facts.baseUrl);
  if (!parsed) return undefined;
  const { url, path } = parsed;
  const origin = url.origin;
  const base = `${origin}${path}`;
  const answers = (fixed: string, models: readonly string[] | undefined) =>
    models ? ` It answers at ${fixed}, with ${models.length} model${models.length === 1 ? '' : 's'}.` : '';

  if (/\/chat\/completions$/.test(path)) {
    const fixed = base.replace(/\/chat\/completions$/, '');
    return {
      code: 'endpointPath',
      message: `inkwell.baseUrl ends in /chat/completions, which Inkwell adds itself, so it asked ${base}/chat/completions (404). Set it to ${fixed}.`,
      actions: ['Open Settings'],
      setting: 'baseUrl',
    };
  }
  const doubled = /(\/v\d+)\1$/.exec(path);
  if (doubled) {
    const fixed = base.slice(0, -doubled[1].length);
    const models = await modelsAt(fixed, probe);
    return {
      code: 'doubledV1',
      message: `The base URL ends in ${doubled[1]}${doubled[1]}, and ${url.host} has no API there (404).${answers(fixed, models)} Remove the second ${doubled[1]}: set inkwell.baseUrl to ${fixed}.`,
      actions: ['Open Settings'],
      setting: 'baseUrl',
    };
  }
  if (/\/api(\/(chat|generate|tags))?$/.test(path)) {
    const tags = await probe(`${origin}/api/tags`);
    if (tags.ollamaModels) {
      const fixed = `${origin}/v1`;
      return {
        code: 'ollamaNativeApi',
        message: `This is Ollama's own API (${path}); Inkwell talks to its OpenAI-compatible one at ${fixed}. Set inkwell.baseUrl to ${fixed}.`,
        actions: ['Open Settings'],
        setting: 'baseUrl',
      };
    }
  }
  if (!/\/v\d+[a-z]*$/.test(path)) {
    const fixed = `${base}/v1`;
    const models = await modelsAt(fixed, probe);
    if (models) {
      return {
        code: 'missingV1',
        message: `${url.host} has no API at ${base} (404), but it answers at ${fixed}, with ${models.length} model${models.length === 1 ? '' : 's'}. Add /v1: set inkwell.baseUrl to ${fixed}.`,
        actions: ['Open Settings'],
        setting: 'baseUrl',
      };
    }
  }
  return undefined;
}

/** The probe, held to one origin whatever URL a rule builds. */
function onlyAt(origin: string, probe: Probe): Probe {
  return (url) => (endpointOrigin(url) === origin ? probe(url) : Promise.resolve({}));
}

/**
 * Names the likely mistake behind a failed connection test, or undefined
 * when the evidence supports none (the failure's own message then says what
 * was seen). `probe` is asked only about the configured origin, and only
 * after that origin answered a request with 404, so it never reaches a
 * server the user has not already sent to.
 */
export async function diagnoseConnection(facts: ConnectionFacts, probe: Probe): Promise<ConnectionDiagnosis | undefined> {
  return (
    nothingOnPort(facts) ??
    ollamaModelNotPulled(facts) ??
    azureMistake(facts) ??
    keyForAnotherProvider(facts) ??
    (await wrongPath(facts, onlyAt(endpointOrigin(facts.baseUrl), probe)))
  );
}
