/** Within this many pixels of the end counts as "at the bottom". */
const bottomSlack = 32;

/**
 * Keeps the transcript scrolled to the newest text while the reader is at
 * the bottom. Scrolling up (wheel, keys, dragging the scrollbar) stops
 * following, and the view then stays exactly where the reader put it while
 * the answer grows below; a "Jump to latest" button brings it back.
 * Only the reader's own actions stop following: content that changes size
 * while re-rendering never does.
 */
export class ScrollFollower {
  private followingStream = true;
  private userScrolling = false;
  private lastTop = 0;
  /** Where our own last scroll put the view. */
  private ownTop = -1;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly jumpButton: HTMLElement,
    private readonly onChange: (following: boolean) => void,
  ) {
    scroller.addEventListener(
      'wheel',
      (event) => {
        if (event.deltaY < 0) this.setFollowing(false);
      },
      { passive: true },
    );
    scroller.addEventListener('keydown', (event) => {
      if (['ArrowUp', 'PageUp', 'Home'].includes(event.key)) this.setFollowing(false);
    });
    scroller.addEventListener('pointerdown', () => (this.userScrolling = true));
    window.addEventListener('pointerup', () => (this.userScrolling = false));
    scroller.addEventListener(
      'scroll',
      () => {
        const top = this.scroller.scrollTop;
        const movedUp = top < this.lastTop - 1;
        this.lastTop = top;
        // Scroll events arrive a frame late: one caused by our own scrolling must not undo a wheel that came after it.
        const ours = Math.abs(top - this.ownTop) <= 1;
        if (!ours) {
          // Only a move down into the end resumes following: a smooth scroll up starts near the end too.
          if (this.atBottom() && !movedUp) this.setFollowing(true);
          else if (movedUp && this.userScrolling) this.setFollowing(false);
        }
        this.updateButton();
      },
      { passive: true },
    );
    jumpButton.addEventListener('click', () => this.jumpToLatest());
  }

  get following(): boolean {
    return this.followingStream;
  }

  /** Call after content changed: scrolls to the end only while following. */
  contentChanged(): void {
    if (this.followingStream) this.scrollTo(this.scroller.scrollHeight);
    this.updateButton();
  }

  jumpToLatest(): void {
    this.setFollowing(true);
    this.scrollTo(this.scroller.scrollHeight);
    this.updateButton();
  }

  /**
   * Keeps the end in view while following when `content` changes size on its
   * own: off-screen messages are laid out only when scrolled near
   * (`content-visibility: auto`), so jumping to the end of a long
   * conversation lands short of it until they settle.
   */
  watch(content: HTMLElement): void {
    new ResizeObserver(() => {
      if (!this.followingStream) return;
      this.scrollTo(this.scroller.scrollHeight);
      this.updateButton();
    }).observe(content);
  }

  /** Puts the view back where a previous page left it. */
  restore(following: boolean, scrollTop: number): void {
    this.followingStream = following;
    this.scrollTo(following ? this.scroller.scrollHeight : scrollTop);
    this.updateButton();
  }

  private scrollTo(top: number): void {
    this.scroller.scrollTop = top;
    this.ownTop = this.scroller.scrollTop;
  }

  private atBottom(): boolean {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight <= bottomSlack;
  }

  private setFollowing(following: boolean): void {
    if (following === this.followingStream) return;
    this.followingStream = following;
    this.onChange(following);
  }

  private updateButton(): void {
    this.jumpButton.hidden = this.followingStream || this.atBottom();
  }
}
