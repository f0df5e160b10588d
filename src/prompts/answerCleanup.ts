import { closesFence, CodeBlockScanner, fenceOpenedBy, mayOpenFence, type Fence } from '../shared/codeBlockScanner';

/**
 * Removes a code fence that the model wrapped around its whole answer, while
 * streaming, and keeps every inner fence. Text flows through unchanged until
 * the answer opens with a fence line; only then is it held back until the
 * answer ends and shows whether the fence wraps everything (dropped) or is
 * just a code block at the start (sent as it was).
 *
 * Fence lines are read as CommonMark reads them (the shared scanner). One
 * reading is deliberately looser: models nest ```` ```js ```` blocks inside a
 * ```` ```markdown ```` wrapper of the same length, which CommonMark would
 * close at the first bare fence. The wrapper counts as wrapping when its last
 * line closes it and the text between, read on its own, leaves no fence open.
 */
export class WrappingFenceFilter {
  private head = '';
  private state: 'undecided' | 'passthrough' | 'holding' = 'undecided';
  private opener: Fence | undefined;

  /** `keepLeadingFence` is true when the user's own text starts with a fence: then a leading fence is content. */
  constructor(keepLeadingFence = false) {
    if (keepLeadingFence) this.state = 'passthrough';
  }

  /** Returns the text that can be shown now. */
  push(delta: string): string {
    if (this.state === 'passthrough') return delta;
    this.head += delta;
    if (this.state === 'holding') return '';
    const firstLine = /^(?:[ \t]*\r?\n)*([^\n]*)(\n?)/.exec(this.head)!;
    const line = firstLine[1].replace(/\r$/, '');
    if (!firstLine[2]) {
      if (mayOpenFence(line)) return '';
    } else {
      this.opener = fenceOpenedBy(line);
      if (this.opener) {
        this.state = 'holding';
        return '';
      }
    }
    this.state = 'passthrough';
    const out = this.head;
    this.head = '';
    return out;
  }

  /** Call once at the end; returns the rest of the answer. */
  end(): string {
    if (this.state === 'passthrough') return '';
    const inner = this.state === 'holding' && this.opener ? unwrapped(this.head, this.opener) : undefined;
    return inner ?? this.head;
  }
}

/** The text inside a fence that wraps all of `answer`, or undefined when it does not. */
function unwrapped(answer: string, opener: Fence): string | undefined {
  const rawLines = answer.split('\n');
  const lines = rawLines.map((line) => line.replace(/\r$/, ''));
  const first = lines.findIndex((line) => line.trim() !== '');
  let last = lines.length - 1;
  while (last > first && lines[last].trim() === '') last--;
  if (last <= first || !closesFence(lines[last], opener)) return undefined;
  const scanner = new CodeBlockScanner();
  for (const line of lines.slice(first + 1, last)) scanner.push(line);
  return scanner.openFence
    ? undefined
    : rawLines
        .slice(first + 1, last)
        .join('\n')
        .replace(/\r$/, '');
}

/** The same as `WrappingFenceFilter`, for a finished answer. */
export function stripWrappingFence(answer: string, keepLeadingFence = false): string {
  const filter = new WrappingFenceFilter(keepLeadingFence);
  return filter.push(answer) + filter.end();
}
