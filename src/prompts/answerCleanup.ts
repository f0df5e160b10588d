/**
 * Removes a code fence that the model wrapped around its whole answer, while
 * streaming, and keeps every inner fence. Text flows through unchanged until
 * the answer opens with a fence line; only then is it held back until the
 * matching closing fence shows whether the fence wraps everything (dropped)
 * or is just a code block at the start (sent as it was).
 */
export class WrappingFenceFilter {
  private head = '';
  private state: 'undecided' | 'passthrough' | 'holding' = 'undecided';
  private opener = '';
  private held = '';

  /** `keepLeadingFence` is true when the user's own text starts with a fence: then a leading fence is content. */
  constructor(keepLeadingFence = false) {
    if (keepLeadingFence) this.state = 'passthrough';
  }

  /** Returns the text that can be shown now. */
  push(delta: string): string {
    if (this.state === 'passthrough') return delta;
    if (this.state === 'holding') {
      this.held += delta;
      return '';
    }
    this.head += delta;
    const trimmed = this.head.trimStart();
    if (trimmed.length < 3 && !trimmed.includes('\n')) {
      if ('```'.startsWith(trimmed) || '~~~'.startsWith(trimmed)) return '';
    }
    const newline = trimmed.indexOf('\n');
    const fence = /^(`{3,}|~{3,})[^`\n]*$/;
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      if (newline < 0) return '';
      const firstLine = trimmed.slice(0, newline);
      if (fence.test(firstLine)) {
        this.state = 'holding';
        this.opener = firstLine;
        this.held = trimmed.slice(newline + 1);
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
    if (this.state === 'undecided') return this.head;
    const marker = this.opener.match(/^(`{3,}|~{3,})/)![1];
    const body = this.held.replace(/\s+$/, '');
    const lastNewline = body.lastIndexOf('\n');
    const lastLine = body.slice(lastNewline + 1).trim();
    // Wrapped: the answer ends with a bare closing fence and the fences inside it are balanced.
    if (lastLine === marker && fencesBalanced(body.slice(0, Math.max(0, lastNewline)))) return body.slice(0, Math.max(0, lastNewline));
    return `${this.head.slice(0, this.head.length - this.head.trimStart().length)}${this.opener}\n${this.held}`;
  }
}

/** The same as `WrappingFenceFilter`, for a finished answer. */
export function stripWrappingFence(answer: string, keepLeadingFence = false): string {
  const filter = new WrappingFenceFilter(keepLeadingFence);
  return filter.push(answer) + filter.end();
}

function fencesBalanced(text: string): boolean {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const match = line.trim().match(/^(`{3,}|~{3,})(.*)$/);
    if (!match) continue;
    if (open === undefined) open = match[1];
    else if (match[1].startsWith(open) && match[2].trim() === '') open = undefined;
  }
  return open === undefined;
}
