import OpenAI from 'openai';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { GenerationService } from '../../src/generation/generationService';
import { OpenAIProvider } from '../../src/generation/openaiProvider';
import { epochNow, type DocumentSample, type StreamArgs, type StreamFigures } from '../shared/benchProtocol';
import { AnswerWatch } from './documentWatch';
import { closeAllEditors, openDocument, settle } from './editors';

/** The text each editor path works on: a paragraph between two others, selected. */
const before = 'Notes from the meeting.\n\n';
const paragraph =
  'The team agreed to ship the writing assistant next month, after one more round of testing with real documents and a short beta.';
const after = '\n\nNext steps follow.';

/** The same request for the SDK loop and the service; the editor paths build theirs from the task. */
const messages = [
  { role: 'system' as const, content: 'You are a writing assistant.' },
  { role: 'user' as const, content: `Summarize:\n\n${paragraph}` },
];

let log: vscode.LogOutputChannel | undefined;

/**
 * Consumes one stream the way `args.path` says and reports wall time and the
 * extension host's CPU over exactly that interval.
 */
export async function runStreamPath(args: StreamArgs): Promise<StreamFigures> {
  switch (args.path) {
    case 'idle':
      return timed(async () => {
        await new Promise((resolve) => setTimeout(resolve, args.idleMs ?? 0));
        return { chars: 0, status: 'done', samples: [] };
      });
    case 'sdk':
      return timed(() => bareSdkLoop(args));
    case 'service':
      return timed(() => generationService(args));
    case 'editor':
      // Summarize inserts below the paragraph: a blank line, then the answer.
      return intoEditor(
        'inkwell.summarize',
        (source) => (document) => document === source,
        before.length + paragraph.length + after.length + 2,
      );
    case 'review':
      // Improve streams into the review's proposal: the document with the paragraph replaced.
      return intoEditor(
        'inkwell.improve',
        () => (document) => document.uri.scheme === 'inkwell-review' && document.uri.path.includes('/proposal/'),
        before.length + after.length,
      );
  }
}

type Received = { chars: number; status: string; samples: DocumentSample[] };

async function timed(work: () => Promise<Received>): Promise<StreamFigures> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { chars, status, samples } = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, chars, samples, status };
}

/**
 * (a) What any extension would write first: the SDK's stream, concatenated.
 * It notes when each piece arrived (one clock read and one push, well under
 * a microsecond) so that its chunk latency is the baseline of the others'.
 */
async function bareSdkLoop(args: StreamArgs): Promise<Received> {
  const client = new OpenAI({ baseURL: args.baseUrl, apiKey: 'bench', maxRetries: 0 });
  // The same request options as the provider sends, so both read the same bytes.
  const stream = await client.chat.completions.create({
    model: args.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  const samples: DocumentSample[] = [];
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta?.content;
    if (content) {
      text += content;
      samples.push({ at: epochNow(), chars: text.length });
    }
  }
  return { chars: text.length, status: 'done', samples };
}

/** (b) Inkwell's generation service and provider, as the extension builds them, with a real log channel. */
async function generationService(args: StreamArgs): Promise<Received> {
  log ??= vscode.window.createOutputChannel('Inkwell bench', { log: true });
  const provider = new OpenAIProvider({
    kind: 'openai',
    baseUrl: args.baseUrl,
    model: args.model,
    headers: {},
    azureApiVersion: '2024-10-21',
    tokenLimitParameter: 'auto',
    idleTimeoutMs: 60_000,
    maxRetries: 0,
  });
  const service = new GenerationService(async () => ({ provider, endpoint: new URL(args.baseUrl).origin, model: args.model }), log);
  let chars = 0;
  const samples: DocumentSample[] = [];
  const outcome = await service.generate({ messages }, (delta) => {
    chars += delta.length;
    samples.push({ at: epochNow(), chars });
  });
  return { chars, status: outcome.finishReason, samples };
}

/** (c) and (d): the whole command, from the keystroke to the answer in the document or the review. */
async function intoEditor(
  command: string,
  watched: (source: vscode.TextDocument) => (document: vscode.TextDocument) => boolean,
  answerStart: number,
): Promise<StreamFigures> {
  const editor = await openDocument(before + paragraph + after);
  editor.selection = new vscode.Selection(
    editor.document.positionAt(before.length),
    editor.document.positionAt(before.length + paragraph.length),
  );
  await settle();
  const watch = new AnswerWatch(watched(editor.document), answerStart);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await vscode.commands.executeCommand<CommandResult>(command);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  watch.dispose();
  if (result?.reviewId !== undefined) await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
  await closeAllEditors();
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    chars: watch.chars,
    samples: watch.samples,
    status: result?.status ?? 'no result',
  };
}
