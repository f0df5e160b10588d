import type { ProseChange } from './proseChange';

export type ChangeState = 'pending' | 'accepted' | 'rejected';

/** A change as the review tracks it in the document, which may have moved since the proposal. */
export interface TrackedChange extends ProseChange {
  state: ChangeState;
  /** Where the change's text is in the document now: the original while pending or rejected, the proposal once accepted. */
  docStart: number;
  docEnd: number;
  /** Set when the writer typed into the change: it is theirs now, and no longer the review's to decide or undo. */
  overtyped?: boolean;
}

/** An edit of the document: replace `[start, end)` with `text`. */
export interface DocEdit {
  start: number;
  end: number;
  text: string;
}

interface Decision {
  id: string;
  previous: ChangeState;
  /** Decisions made together (Accept All) are taken back together. */
  group?: number;
}

/** A decision taken back, and the edit that restores the original where an accepted change is taken back. */
export interface UndoneDecision {
  change: TrackedChange;
  edit?: DocEdit;
}

/**
 * The decisions of one review, in document offsets: accept and reject per
 * change, undo of the last decision, and the writer's own edits, which move
 * the changes after them and take over the changes they touch. The
 * document is edited by the caller with the `DocEdit`s this returns, and
 * every document change (the review's own too) comes back through
 * `documentChanged`.
 */
export class ReviewDecisions {
  private readonly list: TrackedChange[];
  private readonly byId = new Map<string, TrackedChange>();
  private readonly decisions: Decision[] = [];

  /** `base` is the document offset where the reviewed original starts. */
  constructor(changes: readonly ProseChange[], base: number) {
    this.list = changes.map((change) => ({ ...change, state: 'pending', docStart: base + change.start, docEnd: base + change.end }));
    for (const change of this.list) this.byId.set(change.id, change);
  }

  get changes(): readonly TrackedChange[] {
    return this.list;
  }

  get(id: string): TrackedChange | undefined {
    return this.byId.get(id);
  }

  get pendingCount(): number {
    return this.list.filter((change) => change.state === 'pending').length;
  }

  /** The pending change at `offset` (inside it, or at its edges). */
  at(offset: number): TrackedChange | undefined {
    return this.list.find((change) => change.state === 'pending' && change.docStart <= offset && offset <= change.docEnd);
  }

  /** Marks the change accepted and returns the edit that puts its proposal into the document. */
  accept(id: string, group?: number): DocEdit | undefined {
    const change = this.pendingChange(id);
    if (!change) return undefined;
    this.decide(change, 'accepted', group);
    return { start: change.docStart, end: change.docEnd, text: change.proposed };
  }

  reject(id: string, group?: number): boolean {
    const change = this.pendingChange(id);
    if (!change) return false;
    this.decide(change, 'rejected', group);
    return true;
  }

  /**
   * Takes back the last decision that is still the review's (all of it, for
   * decisions made together), or returns `false` when there is nothing to undo.
   */
  undo(): UndoneDecision[] | false {
    // Text the writer typed over is theirs: no undo of the review's takes it away.
    while (this.decisions.length && this.byId.get(this.top()!.id)!.overtyped) this.decisions.pop();
    const group = this.top()?.group;
    const undone: UndoneDecision[] = [];
    do {
      const decision = this.decisions.pop();
      if (!decision) break;
      const change = this.byId.get(decision.id)!;
      if (change.overtyped) continue;
      const wasAccepted = change.state === 'accepted';
      change.state = decision.previous;
      undone.push({ change, edit: wasAccepted ? { start: change.docStart, end: change.docEnd, text: change.original } : undefined });
    } while (group !== undefined && this.top()?.group === group);
    return undone.length ? undone : false;
  }

  private top(): Decision | undefined {
    return this.decisions[this.decisions.length - 1];
  }

  /**
   * A change of the document: `[start, end)` (offsets before the change)
   * became `text`. `ownChange` names the change whose accept or undo made
   * this edit; any other edit is the writer's.
   */
  documentChanged(start: number, end: number, text: string, ownChange?: string): void {
    const delta = text.length - (end - start);
    for (const change of this.list) {
      if (change.id === ownChange) {
        change.docEnd = change.docStart + text.length;
      } else if (isAfter(change, start, end)) {
        change.docStart += delta;
        change.docEnd += delta;
      } else if (!isBefore(change, start, end)) {
        this.takeOver(change, start, end, text);
      }
    }
  }

  private takeOver(change: TrackedChange, start: number, end: number, text: string): void {
    // The writer's typing wins: a pending proposal there is dropped, an accepted one is simply their text now.
    if (change.state === 'pending') change.state = 'rejected';
    change.overtyped = true;
    const newStart = Math.min(change.docStart, start);
    const newEnd = Math.max(change.docEnd + text.length - (end - start), start + text.length);
    change.docStart = newStart;
    change.docEnd = Math.max(newStart, newEnd);
  }

  private pendingChange(id: string): TrackedChange | undefined {
    const change = this.byId.get(id);
    return change?.state === 'pending' ? change : undefined;
  }

  private decide(change: TrackedChange, state: ChangeState, group?: number): void {
    this.decisions.push({ id: change.id, previous: change.state, group });
    change.state = state;
  }
}

/** Typing exactly where an insertion is proposed takes that insertion over. */
function typesAtInsertion(change: TrackedChange, start: number, end: number): boolean {
  return change.docStart === change.docEnd && start === end && start === change.docStart;
}

/** Wholly after the edit: typing right at a change's start pushes it along. */
function isAfter(change: TrackedChange, start: number, end: number): boolean {
  return change.docStart >= end && !typesAtInsertion(change, start, end);
}

/** Wholly before the edit: typing right at a change's end leaves it alone. */
function isBefore(change: TrackedChange, start: number, end: number): boolean {
  return change.docEnd <= start && !typesAtInsertion(change, start, end);
}
