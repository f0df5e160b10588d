/**
 * Finds model servers running on this machine (Ollama, LM Studio) and the
 * models they have installed. Only loopback addresses are ever asked, each
 * with a short timeout, so a newcomer with nothing installed waits at most
 * that long and nothing leaves the machine. No `vscode` import.
 */

/** A local server kind Inkwell knows how to ask. */
export interface LocalServerCandidate {
  id: 'ollama' | 'lmstudio';
  label: string;
  /** `http://127.0.0.1:<port>`: always loopback. */
  origin: string;
}

/** A server that answered, with what it has installed. */
export interface FoundLocalServer extends LocalServerCandidate {
  /** What `inkwell.baseUrl` becomes when this server is chosen. */
  baseUrl: string;
  models: string[];
}

/** Where the two servers listen out of the box. */
export const defaultLocalServers: readonly LocalServerCandidate[] = [
  { id: 'ollama', label: 'Ollama', origin: 'http://127.0.0.1:11434' },
  { id: 'lmstudio', label: 'LM Studio', origin: 'http://127.0.0.1:1234' },
];

/** A local server answers in milliseconds; anything slower is not one worth offering. */
export const probeTimeoutMs = 800;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for an http origin on this machine; the probe refuses anything else. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && loopbackHosts.has(url.hostname) && url.pathname === '/' && !url.search && !url.username;
  } catch {
    return false;
  }
}

/**
 * Reads a list of servers to probe instead of the defaults, written
 * `ollama=http://127.0.0.1:5001,lmstudio=http://127.0.0.1:5002`. Entries that
 * are not a known kind on a loopback origin are dropped; undefined when
 * nothing usable is left.
 */
export function parseLocalServerList(text: string | undefined): LocalServerCandidate[] | undefined {
  if (!text?.trim()) return undefined;
  const found: LocalServerCandidate[] = [];
  for (const entry of text.split(',')) {
    const [id, origin] = entry.split('=').map((part) => part.trim());
    const known = defaultLocalServers.find((server) => server.id === id);
    if (known && origin && isLoopbackOrigin(origin)) found.push({ ...known, origin: new URL(origin).origin });
  }
  return found.length ? found : undefined;
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function openAiModelIds(body: unknown): string[] | undefined {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) return undefined;
  return data.map((entry) => (entry as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string' && id.length > 0);
}

function ollamaTagNames(body: unknown): string[] | undefined {
  const models = (body as { models?: unknown })?.models;
  if (!Array.isArray(models)) return undefined;
  return models
    .map((entry) => (entry as { name?: unknown })?.name)
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
}

/**
 * Asks one server for its models: the OpenAI-compatible `/v1/models` first,
 * then, for Ollama, its own `/api/tags` (older versions have only that).
 * Undefined when it does not answer in time or is not such a server.
 */
export async function probeLocalServer(candidate: LocalServerCandidate, timeoutMs = probeTimeoutMs): Promise<FoundLocalServer | undefined> {
  if (!isLoopbackOrigin(candidate.origin)) return undefined;
  const origin = new URL(candidate.origin).origin;
  const signal = AbortSignal.timeout(timeoutMs);
  const attempts: Array<[string, (body: unknown) => string[] | undefined]> = [[`${origin}/v1/models`, openAiModelIds]];
  if (candidate.id === 'ollama') attempts.push([`${origin}/api/tags`, ollamaTagNames]);
  for (const [url, read] of attempts) {
    try {
      const models = read(await getJson(url, signal));
      if (models) return { ...candidate, origin, baseUrl: `${origin}/v1`, models: [...new Set(models)].sort() };
    } catch {
      if (signal.aborted) return undefined;
    }
  }
  return undefined;
}

/** Probes all candidates at once; resolves with those that answered, in the candidates' order. */
export async function probeLocalServers(
  candidates: readonly LocalServerCandidate[],
  timeoutMs = probeTimeoutMs,
): Promise<FoundLocalServer[]> {
  const results = await Promise.all(candidates.map((candidate) => probeLocalServer(candidate, timeoutMs)));
  return results.filter((result): result is FoundLocalServer => result !== undefined);
}
