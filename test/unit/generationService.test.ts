import * as assert from 'assert';
import { GenerationService } from '../../src/generation/generationService';
import { OpenAIProvider } from '../../src/generation/openaiProvider';
import { openaiErrors } from '../support/openaiScenarios';
import { FakeOpenAIServer } from '../support/openaiServer';

describe('The generation service', () => {
  let server: FakeOpenAIServer;
  let lines: string[];
  const logger = {
    info: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
  };
  const secretKey = 'sk-super-secret-123';

  function service(logContent = false, target = server): GenerationService {
    return new GenerationService(
      async () => ({
        provider: new OpenAIProvider({
          kind: 'openai',
          baseUrl: target.baseUrl,
          model: 'gpt-4o-mini',
          apiKey: secretKey,
          headers: {},
          azureApiVersion: '',
          tokenLimitParameter: 'auto',
          idleTimeoutMs: 5000,
          maxRetries: 0,
        }),
        endpoint: target.origin,
        model: 'gpt-4o-mini',
      }),
      logger,
      () => logContent,
    );
  }

  before(async () => {
    server = await FakeOpenAIServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    lines = [];
  });

  it('logs the endpoint, model, sizes, timing and outcome of each request, but neither content nor key', async () => {
    server.enqueue({ kind: 'reply', text: 'A private answer.' });
    await service().generate({ messages: [{ role: 'user', content: 'A private question.' }] });
    const log = lines.join('\n');
    assert.match(log, new RegExp(`→ ${server.origin} model=gpt-4o-mini messages=1 inputChars=19`));
    assert.match(log, /✓ stop outputChars=17 tokens=\d+\+\d+ firstToken=\d+ms total=\d+ms/);
    assert.doesNotMatch(log, /private/);
    assert.ok(!log.includes(secretKey));
  });

  it('logs failures by category, with the message the user sees, without the key', async () => {
    server.enqueue(openaiErrors.invalidApiKey(secretKey));
    await assert.rejects(service().generate({ messages: [{ role: 'user', content: 'Hi' }] }));
    const log = lines.join('\n');
    assert.match(
      log,
      new RegExp(
        `✗ authFailed status=401 partialChars=0 after=\\d+ms \\(${server.origin} model=gpt-4o-mini\\): ${server.origin} rejected the API key`,
      ),
    );
    assert.ok(!log.includes(secretKey));
  });

  it('logs failures at warning level, which the output channel shows by default', async () => {
    const warnings: string[] = [];
    server.enqueue(openaiErrors.serverError());
    const quiet = new GenerationService(
      async () => ({
        provider: new OpenAIProvider({
          kind: 'openai',
          baseUrl: server.baseUrl,
          model: 'm',
          apiKey: secretKey,
          headers: {},
          azureApiVersion: '',
          tokenLimitParameter: 'auto',
          idleTimeoutMs: 5000,
          maxRetries: 0,
        }),
        endpoint: server.origin,
        model: 'm',
      }),
      { info: () => {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
    );
    await assert.rejects(quiet.generate({ messages: [{ role: 'user', content: 'Hi' }] }));
    assert.match(warnings.join('\n'), /✗ serverError status=500/);
  });

  it('logs model listings and their failures too', async () => {
    await service().listModels();
    const locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-another-key' });
    try {
      await assert.rejects(service(false, locked).listModels());
    } finally {
      await locked.close();
    }
    const log = lines.join('\n');
    assert.match(log, new RegExp(`#\\d+ → ${server.origin} list models\\n#\\d+ ✓ models=\\d+ total=\\d+ms`));
    assert.match(log, /✗ authFailed status=401 after=\d+ms/);
    assert.ok(!log.includes(secretKey));
  });

  it('logs prompts and answers only when content logging is switched on', async () => {
    server.enqueue({ kind: 'reply', text: 'Visible answer.' });
    await service(true).generate({ messages: [{ role: 'user', content: 'Visible question.' }] });
    const log = lines.join('\n');
    assert.match(log, /user: Visible question\./);
    assert.match(log, /answer: Visible answer\./);
  });
});
