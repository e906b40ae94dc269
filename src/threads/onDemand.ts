/**
 * A helper thread that runs only while it is needed.
 *
 * Puente's two helper threads (the date and number models, and SQLite's WAL checkpoints) each hold
 * a V8 isolate of their own: about 65 MB and 10 MB resident. A small server spends most of its
 * time with nobody chatting, so a thread is started on first use, stopped once it has not been
 * used for `idleMs` (and has no work in flight), and started again the next time it is needed.
 * `idleMs` 0 keeps a started thread until `close()`.
 *
 * Use is recorded with a timestamp (no timer per use): the idle timer fires at most once per
 * `idleMs` and re-arms itself for what is left.
 */
export interface OnDemandOptions<T> {
  /** Starts a new instance (a worker and whatever goes with it). */
  spawn(): T;
  /** Stops an instance politely; called once per instance, by the idle timer or `close()`. */
  stop(instance: T): Promise<void>;
  /** Milliseconds without use before an instance is stopped; 0: never. */
  idleMs: number;
  /** True while an instance has work in flight: it is not stopped then, however long since its last use. */
  busy?(instance: T): boolean;
}

export class OnDemand<T> {
  private live: T | undefined;
  private lastUse = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private started = 0;

  constructor(private readonly o: OnDemandOptions<T>) {}

  /** The running instance, started now if there is none; counts as a use. `undefined` once closed. */
  use(): T | undefined {
    if (this.closed) return undefined;
    this.lastUse = performance.now();
    if (this.live === undefined) {
      this.live = this.o.spawn();
      this.started++;
      this.arm(this.o.idleMs);
    }
    return this.live;
  }

  /** The running instance, if any, without starting one or counting a use. */
  get current(): T | undefined {
    return this.live;
  }

  /** Instances started so far (for tests and the benchmark). */
  get starts(): number {
    return this.started;
  }

  /** Forgets an instance that ended by itself (it crashed): the next use starts another. */
  lost(instance: T): void {
    if (this.live !== instance) return;
    this.live = undefined;
    clearTimeout(this.timer);
  }

  /** Stops the running instance and starts no other. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const instance = this.live;
    this.live = undefined;
    if (instance !== undefined) await this.o.stop(instance);
  }

  private arm(ms: number): void {
    if (this.o.idleMs <= 0) return;
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    const instance = this.live;
    if (instance === undefined) return;
    const idleFor = performance.now() - this.lastUse;
    if (idleFor < this.o.idleMs) return this.arm(this.o.idleMs - idleFor);
    if (this.o.busy?.(instance)) return this.arm(this.o.idleMs);
    this.live = undefined;
    void this.o.stop(instance);
  }
}
