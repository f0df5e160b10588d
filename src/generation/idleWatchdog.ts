/**
 * Aborts a request when the stream goes silent. The SDK's own timeout stops
 * counting once the response headers arrive, so a server that stalls mid-body
 * would otherwise hang the editor forever.
 */
export class IdleWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastTouch = 0;
  private fired = false;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {}

  get hasFired(): boolean {
    return this.fired;
  }

  start(): void {
    this.lastTouch = Date.now();
    this.schedule(this.idleMs);
  }

  /**
   * Called per chunk: only records the time, so the hot path never touches
   * timers; the timer re-arms itself for the remaining time when it wakes.
   */
  touch(): void {
    this.lastTouch = Date.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      const silentFor = Date.now() - this.lastTouch;
      if (silentFor >= this.idleMs) {
        this.fired = true;
        this.timer = undefined;
        this.onIdle();
      } else {
        this.schedule(this.idleMs - silentFor);
      }
    }, ms);
  }
}
