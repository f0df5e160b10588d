/** Anything that holds a resource until disposed; VS Code's `Disposable` has this shape. */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * The base of every class that owns listeners, emitters or other
 * disposables: it `register`s them as it creates them and they all go with
 * it, newest first. Free of the VS Code API, so the core can use it too.
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposedAlready = false;

  protected get isDisposed(): boolean {
    return this.disposedAlready;
  }

  /** Owns `disposable` from now on; one registered after disposal is disposed at once, so nothing outlives its owner. */
  protected register<T extends DisposableLike>(disposable: T): T {
    if (this.disposedAlready) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  /** Owns each of `disposables`, as `register` does. */
  protected registerAll(...disposables: DisposableLike[]): void {
    for (const disposable of disposables) this.register(disposable);
  }

  /**
   * Disposes everything registered, once. One that throws does not keep the
   * rest alive; the first error is thrown after all are disposed.
   */
  dispose(): void {
    if (this.disposedAlready) return;
    this.disposedAlready = true;
    let failure: { error: unknown } | undefined;
    for (const disposable of this.owned.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
