/**
 * Serializes the turns of one conversation inside this process: two messages of the same person
 * arriving at once are handled one after the other, so neither answer is lost. Across instances the
 * session eTag does the same job (a conflicting save is retried from a fresh read).
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Conversations with a turn in progress or waiting (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
