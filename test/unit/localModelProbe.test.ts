import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackOrigin, parseLocalServerList, probeLocalServer, probeLocalServers } from '../../src/onboarding/localModelProbe';
import { FakeOpenAIServer } from '../support/openaiServer';

describe('local model probe', () => {
  it('finds an LM Studio-style server and the models its /v1/models lists', async () => {
    const server = await FakeOpenAIServer.start({ knownModels: ['qwen2.5-7b-instruct', 'llama-3.2-3b'] });
    try {
      const found = await probeLocalServer({ id: 'lmstudio', label: 'LM Studio', origin: server.origin });
      assert.deepEqual(found, {
        id: 'lmstudio',
        label: 'LM Studio',
        origin: server.origin,
        baseUrl: `${server.origin}/v1`,
        models: ['llama-3.2-3b', 'qwen2.5-7b-instruct'],
      });
    } finally {
      await server.close();
    }
  });

  it("falls back to Ollama's /api/tags when the server has no /v1/models", async () => {
    const server = await FakeOpenAIServer.start({ knownModels: ['llama3.2:latest', 'qwen2.5:7b'], ollamaTags: 'only' });
    try {
      const found = await probeLocalServer({ id: 'ollama', label: 'Ollama', origin: server.origin });
      assert.deepEqual(found?.models, ['llama3.2:latest', 'qwen2.5:7b']);
      assert.deepEqual(
        server.requests.map((request) => request.path),
        ['/v1/models', '/api/tags'],
      );
    } finally {
      await server.close();
    }
  });

  it('gives up on a server that accepts the connection but never answers, within the timeout', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      assert.equal(await probeLocalServer({ id: 'ollama', label: 'Ollama', origin }, 300), undefined);
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('reports only the servers that answered, and nothing for a closed port', async () => {
    const server = await FakeOpenAIServer.start({ knownModels: ['m'] });
    const closedPort = server.port;
    await server.close();
    const running = await FakeOpenAIServer.start({ knownModels: ['local-model'] });
    try {
      const found = await probeLocalServers([
        { id: 'ollama', label: 'Ollama', origin: `http://127.0.0.1:${closedPort}` },
        { id: 'lmstudio', label: 'LM Studio', origin: running.origin },
      ]);
      assert.deepEqual(
        found.map((entry) => [entry.id, entry.models]),
        [['lmstudio', ['local-model']]],
      );
    } finally {
      await running.close();
    }
  });

  it('never probes anything but an http loopback origin', async () => {
    assert.equal(isLoopbackOrigin('http://127.0.0.1:11434'), true);
    assert.equal(isLoopbackOrigin('http://localhost:1234'), true);
    for (const origin of [
      'http://192.168.1.5:11434',
      'https://127.0.0.1:11434',
      'http://example.com',
      'http://127.0.0.1.example.com:80',
      'http://user@127.0.0.1:1',
      'file:///etc',
    ]) {
      assert.equal(isLoopbackOrigin(origin), false, origin);
      assert.equal(await probeLocalServer({ id: 'ollama', label: 'Ollama', origin }), undefined, origin);
    }
  });

  it('reads a list of servers to probe and drops entries that are unknown or not on loopback', () => {
    assert.deepEqual(parseLocalServerList('ollama=http://127.0.0.1:5001, lmstudio=http://10.0.0.1:1234,other=http://127.0.0.1:9'), [
      { id: 'ollama', label: 'Ollama', origin: 'http://127.0.0.1:5001' },
    ]);
    assert.equal(parseLocalServerList('lmstudio=https://evil.example'), undefined);
    assert.equal(parseLocalServerList(''), undefined);
  });
});
