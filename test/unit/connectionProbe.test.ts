import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sameOriginProbe } from '../../src/generation/connectionProbe';
import type { EndpointConfig } from '../../src/generation/endpoint';
import { OpenAIProvider } from '../../src/generation/openaiProvider';
import { GenerationError } from '../../src/generation/errors';
import { FakeOpenAIServer } from '../support/openaiServer';
import { testEndpoint } from './testEndpoint';

function endpointAt(baseUrl: string, overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return testEndpoint({ baseUrl, model: 'test-model', ...overrides });
}

describe('connection probe', () => {
  let server: FakeOpenAIServer;
  let elsewhere: FakeOpenAIServer;
  before(async () => {
    server = await FakeOpenAIServer.start({ knownModels: ['llama3.2:latest'], ollama: true });
    elsewhere = await FakeOpenAIServer.start();
  });
  beforeEach(() => {
    server.reset();
    elsewhere.reset();
  });
  after(async () => {
    await server.close();
    await elsewhere.close();
  });

  it("reads the OpenAI model list and Ollama's own, with the endpoint's key and headers", async () => {
    const probe = sameOriginProbe(endpointAt(`${server.origin}/api`, { apiKey: 'sk-probe-key', headers: { 'x-team': 'docs' } }));
    assert.deepEqual(await probe(`${server.origin}/v1/models`), { status: 200, modelIds: ['llama3.2:latest'] });
    assert.deepEqual(await probe(`${server.origin}/api/tags`), { status: 200, ollamaModels: ['llama3.2:latest'] });
    assert.deepEqual(await probe(`${server.origin}/v1/v1/models`), { status: 404 });
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-probe-key');
    assert.equal(server.requests[0].headers['x-team'], 'docs');
  });

  it('asks nothing of another origin, so the key cannot travel there', async () => {
    const probe = sameOriginProbe(endpointAt(server.baseUrl, { apiKey: 'sk-probe-key' }));
    assert.deepEqual(await probe(`${elsewhere.origin}/v1/models`), {});
    assert.deepEqual(await probe('not a url'), {});
    assert.equal(elsewhere.requests.length, 0);
  });

  it('refuses a redirect to another origin instead of following it with the key', async () => {
    const redirecting = http.createServer((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.origin}/v1/models` });
      response.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    try {
      assert.deepEqual(await sameOriginProbe(endpointAt(`${origin}/v1`, { apiKey: 'sk-probe-key' }))(`${origin}/v1/models`), {});
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      redirecting.close();
    }
  });

  it("keeps Ollama's words for a model it has not pulled, and the cause of a refused connection, as evidence", async () => {
    const provider = new OpenAIProvider(endpointAt(server.baseUrl, { model: 'llama3.1' }));
    const missing = await provider.generate({ messages: [{ role: 'user', content: 'Hi' }], maxOutputTokens: 1 }, () => {}).catch((e) => e);
    assert.ok(missing instanceof GenerationError);
    assert.equal(missing.category, 'modelNotFound');
    assert.equal(missing.details.serverText, 'model "llama3.1" not found, try pulling it first');
    assert.equal(missing.details.code, 'not_found_error');

    const closed = await FakeOpenAIServer.start();
    await closed.close();
    const refused = await new OpenAIProvider(endpointAt(closed.baseUrl)).listModels().catch((e) => e);
    assert.equal(refused.category, 'network');
    assert.equal(refused.details.networkCause, 'ECONNREFUSED');
  });
});
