import * as assert from 'node:assert/strict';
import { keyFamilyOf } from '../../src/generation/apiKeyFormat';
import { diagnoseConnection, type ConnectionFacts, type StepOutcome } from '../../src/generation/connectionDiagnosis';
import type { ProbeAnswer } from '../../src/generation/connectionProbe';

const notFound = (extra: Partial<Extract<StepOutcome, { ok: false }>> = {}): StepOutcome => ({
  ok: false,
  category: 'badBaseUrl',
  status: 404,
  ...extra,
});

function facts(overrides: Partial<ConnectionFacts>): ConnectionFacts {
  return { kind: 'openai', baseUrl: 'http://localhost:8080/v1', model: 'test-model', models: { ok: true }, ...overrides };
}

/** Answers probes from a table, and keeps the URLs it was asked. */
function answering(table: Record<string, ProbeAnswer> = {}) {
  const asked: string[] = [];
  const probe = async (url: string): Promise<ProbeAnswer> => {
    asked.push(url);
    return table[url] ?? {};
  };
  return { probe, asked };
}

describe('connection diagnosis', () => {
  it('names a doubled /v1 and the address that answers once it is removed', async () => {
    const { probe, asked } = answering({ 'https://api.openai.com/v1/models': { status: 200, modelIds: ['gpt-4o', 'gpt-4o-mini'] } });
    const found = await diagnoseConnection(
      facts({ baseUrl: 'https://api.openai.com/v1/v1', models: notFound(), completion: notFound() }),
      probe,
    );
    assert.equal(found?.code, 'doubledV1');
    assert.equal(
      found?.message,
      'The base URL ends in /v1/v1, and api.openai.com has no API there (404). It answers at https://api.openai.com/v1, with 2 models. Remove the second /v1: set inkwell.baseUrl to https://api.openai.com/v1.',
    );
    assert.deepEqual(found?.actions, ['Open Settings']);
    assert.equal(found?.setting, 'baseUrl');
    assert.deepEqual(asked, ['https://api.openai.com/v1/models']);
  });

  it('still names a doubled /v1 when the shorter address does not answer either, without claiming it works', async () => {
    const found = await diagnoseConnection(facts({ baseUrl: 'http://localhost:8080/v1/v1/', completion: notFound() }), answering().probe);
    assert.equal(found?.code, 'doubledV1');
    assert.doesNotMatch(found!.message, /It answers/);
    assert.match(found!.message, /set inkwell\.baseUrl to http:\/\/localhost:8080\/v1\.$/);
  });

  it('names a missing /v1 only when the address with /v1 answers with a model list', async () => {
    const base = 'http://127.0.0.1:5000';
    const confirmed = await diagnoseConnection(
      facts({ baseUrl: base, models: notFound(), completion: notFound() }),
      answering({ [`${base}/v1/models`]: { status: 200, modelIds: ['test-model'] } }).probe,
    );
    assert.equal(confirmed?.code, 'missingV1');
    assert.equal(
      confirmed?.message,
      `127.0.0.1:5000 has no API at ${base} (404), but it answers at ${base}/v1, with 1 model. Add /v1: set inkwell.baseUrl to ${base}/v1.`,
    );
    const unconfirmed = await diagnoseConnection(
      facts({ baseUrl: base, completion: notFound() }),
      answering({ [`${base}/v1/models`]: { status: 404 } }).probe,
    );
    assert.equal(unconfirmed, undefined);
  });

  it("recognises Ollama's own /api by its model list and points to its OpenAI-compatible /v1", async () => {
    const { probe, asked } = answering({ 'http://localhost:11434/api/tags': { status: 200, ollamaModels: ['llama3.1:latest'] } });
    const found = await diagnoseConnection(
      facts({ baseUrl: 'http://localhost:11434/api', models: notFound(), completion: notFound() }),
      probe,
    );
    assert.equal(found?.code, 'ollamaNativeApi');
    assert.equal(
      found?.message,
      "This is Ollama's own API (/api); Inkwell talks to its OpenAI-compatible one at http://localhost:11434/v1. Set inkwell.baseUrl to http://localhost:11434/v1.",
    );
    assert.deepEqual(asked, ['http://localhost:11434/api/tags']);
  });

  it('does not call an /api address Ollama when nothing there answers like Ollama', async () => {
    const found = await diagnoseConnection(
      facts({ baseUrl: 'http://localhost:11434/api', completion: notFound() }),
      answering({ 'http://localhost:11434/api/tags': { status: 404 } }).probe,
    );
    assert.notEqual(found?.code, 'ollamaNativeApi');
  });

  it('names a base URL that already ends in /chat/completions without asking anything more', async () => {
    const { probe, asked } = answering();
    const found = await diagnoseConnection(facts({ baseUrl: 'http://localhost:8080/v1/chat/completions', completion: notFound() }), probe);
    assert.equal(found?.code, 'endpointPath');
    assert.match(found!.message, /Set it to http:\/\/localhost:8080\/v1\.$/);
    assert.deepEqual(asked, []);
  });

  it("says which server usually listens on a refused local port: LM Studio's 1234, Ollama's 11434, or neither", async () => {
    const refused: StepOutcome = { ok: false, category: 'network', networkCause: 'ECONNREFUSED' };
    const at = (baseUrl: string) => diagnoseConnection(facts({ baseUrl, models: refused }), answering().probe);
    const lmStudio = await at('http://localhost:1234/v1');
    assert.equal(lmStudio?.code, 'nothingOnPort');
    assert.equal(
      lmStudio?.message,
      "Nothing answers on port 1234 of localhost (connection refused). That is LM Studio's port: start LM Studio's local server, or, for Ollama, use port 11434.",
    );
    assert.deepEqual(lmStudio?.actions, ['Choose Provider', 'Open Settings']);
    assert.match((await at('http://127.0.0.1:11434/v1'))!.message, /That is Ollama's port: start Ollama \(`ollama serve`\)/);
    assert.match(
      (await at('http://127.0.0.1:8000/v1'))!.message,
      /^Nothing answers on port 8000 of 127\.0\.0\.1 \(connection refused\)\. Ollama listens on 11434 and LM Studio on 1234 out of the box/,
    );
    const remote = await at('https://llm.example.com/v1');
    assert.equal(
      remote?.message,
      'Nothing answers on port 443 of llm.example.com (connection refused). Check the port in inkwell.baseUrl and that the server is running.',
    );
  });

  it('names a model Ollama has not pulled, with the pull command and the models it has', async () => {
    const found = await diagnoseConnection(
      facts({
        baseUrl: 'http://localhost:11434/v1',
        model: 'llama3.1',
        models: { ok: true, models: ['qwen2.5:7b', 'llama3.2:latest'] },
        completion: {
          ok: false,
          category: 'modelNotFound',
          status: 404,
          code: 'not_found_error',
          serverText: 'model "llama3.1" not found, try pulling it first',
        },
      }),
      answering().probe,
    );
    assert.equal(found?.code, 'ollamaModelNotPulled');
    assert.equal(
      found?.message,
      'Ollama has no model "llama3.1": run `ollama pull llama3.1` in a terminal, or set inkwell.model to one it has (qwen2.5:7b, llama3.2:latest).',
    );
    assert.equal(found?.setting, 'model');
  });

  it('names a DeepSeek-shaped key sent to OpenAI, and offers Set API Key and Choose Provider', async () => {
    const rejected: StepOutcome = { ok: false, category: 'authFailed', status: 401, code: 'invalid_api_key' };
    const found = await diagnoseConnection(
      facts({
        baseUrl: 'https://api.openai.com/v1',
        keyFamily: keyFamilyOf('sk-0123456789abcdef0123456789abcdef'),
        models: rejected,
      }),
      answering().probe,
    );
    assert.equal(found?.code, 'keyForAnotherProvider');
    assert.equal(
      found?.message,
      "This key looks like a DeepSeek or Qwen (DashScope) key (sk- followed by 32 hexadecimal digits), but the endpoint is OpenAI's (api.openai.com), which rejected it (401). Store your OpenAI key with Set API Key, or choose DeepSeek or Qwen (DashScope) with Choose Provider.",
    );
    assert.deepEqual(found?.actions, ['Set API Key', 'Choose Provider']);
  });

  it('does not blame the key of a rejected DeepSeek-shaped key at DeepSeek, or of a key whose shape tells nothing', async () => {
    const rejected: StepOutcome = { ok: false, category: 'authFailed', status: 401 };
    const deepseekKey = keyFamilyOf('sk-0123456789abcdef0123456789abcdef');
    assert.equal(
      await diagnoseConnection(
        facts({ baseUrl: 'https://api.deepseek.com/v1', keyFamily: deepseekKey, models: rejected }),
        answering().probe,
      ),
      undefined,
    );
    assert.equal(keyFamilyOf('sk-some-key-of-no-known-shape'), undefined);
    assert.equal(
      await diagnoseConnection(facts({ baseUrl: 'https://api.openai.com/v1', keyFamily: undefined, models: rejected }), answering().probe),
      undefined,
    );
  });

  it('tells the key families apart by shape', () => {
    assert.equal(keyFamilyOf(`sk-proj-${'a'.repeat(40)}`)?.id, 'openai');
    assert.equal(keyFamilyOf(`sk-${'A'.repeat(20)}T3BlbkFJ${'b'.repeat(20)}`)?.id, 'openai');
    assert.equal(keyFamilyOf(`sk-or-v1-${'0'.repeat(64)}`)?.id, 'openrouter');
    assert.equal(keyFamilyOf(`sk-ant-api03-${'x'.repeat(40)}`)?.id, 'anthropic');
    assert.equal(keyFamilyOf(` sk-${'f'.repeat(32)}\n`)?.id, 'deepseekOrQwen');
    assert.equal(keyFamilyOf(`${'a'.repeat(32)}.${'B'.repeat(16)}`)?.id, 'zhipu');
    assert.equal(keyFamilyOf(`sk-${'x'.repeat(48)}`), undefined);
    assert.equal(keyFamilyOf(undefined), undefined);
  });

  it('says the key shape was rejected without naming a service for an endpoint it does not know', async () => {
    const found = await diagnoseConnection(
      facts({
        baseUrl: 'http://127.0.0.1:9000/v1',
        keyFamily: keyFamilyOf(`sk-or-v1-${'0'.repeat(64)}`),
        models: { ok: false, category: 'authFailed', status: 401 },
      }),
      answering().probe,
    );
    assert.equal(
      found?.message,
      "This key looks like an OpenRouter key (it starts with sk-or-), and 127.0.0.1:9000 rejected it (401). A key works only with the service that issued it. Store this endpoint's own key with Set API Key, or choose OpenRouter with Choose Provider.",
    );
  });

  it('explains that on Azure the model is the deployment name, and which setting supplied it', async () => {
    const missing: StepOutcome = { ok: false, category: 'modelNotFound', status: 404, code: 'DeploymentNotFound' };
    const fromModel = await diagnoseConnection(
      facts({ kind: 'azure', baseUrl: 'https://contoso.openai.azure.com', model: 'gpt-4o-mini', completion: missing }),
      answering().probe,
    );
    assert.equal(fromModel?.code, 'azureDeploymentName');
    assert.match(
      fromModel!.message,
      /^Azure has no deployment named "gpt-4o-mini" on contoso\.openai\.azure\.com \(404 DeploymentNotFound\)\./,
    );
    assert.match(fromModel!.message, /Inkwell used inkwell\.model as the deployment name, since inkwell\.azure\.deployment is empty\./);
    assert.match(fromModel!.message, /On Azure the model is the deployment name you chose when you deployed it/);
    assert.equal(fromModel?.setting, 'azure.deployment');
    const named = await diagnoseConnection(
      facts({ kind: 'azure', baseUrl: 'https://contoso.openai.azure.com', azureDeployment: 'writer', completion: missing }),
      answering().probe,
    );
    assert.match(named!.message, /no deployment named "writer"/);
    assert.doesNotMatch(named!.message, /Inkwell used inkwell\.model/);
  });

  it('names an Azure address used with the OpenAI provider', async () => {
    const found = await diagnoseConnection(
      facts({ baseUrl: 'https://contoso.openai.azure.com/openai', completion: notFound() }),
      answering().probe,
    );
    assert.equal(found?.code, 'azureAsOpenAI');
    assert.deepEqual(found?.actions, ['Choose Provider']);
  });

  it('names nothing when the evidence fits no known mistake', async () => {
    const { probe, asked } = answering();
    const cases: ConnectionFacts[] = [
      facts({ completion: { ok: false, category: 'serverError', status: 500 } }),
      facts({ models: { ok: false, category: 'network', networkCause: 'ENOTFOUND' } }),
      facts({ completion: { ok: false, category: 'modelNotFound', status: 404, code: 'model_not_found' } }),
      facts({ completion: notFound() }),
      facts({ models: { ok: false, category: 'authFailed', status: 401 } }),
    ];
    for (const evidence of cases) assert.equal(await diagnoseConnection(evidence, probe), undefined, JSON.stringify(evidence));
    assert.deepEqual(asked, [], 'a /v1 address that answers 404 is not probed for variants it already has');
  });

  it('never lets a rule probe another origin than the configured one', async () => {
    const asked: string[] = [];
    await diagnoseConnection(facts({ baseUrl: 'http://127.0.0.1:5000/api', completion: notFound() }), async (url) => {
      asked.push(url);
      return {};
    });
    assert.ok(asked.length > 0);
    assert.ok(
      asked.every((url) => new URL(url).origin === 'http://127.0.0.1:5000'),
      asked.join(', '),
    );
  });
});
