/**
 * Gathers concurrent writes into batches so that, under load, many share one statement and one
 * commit. Nothing waits on a timer: a write goes out at once when a slot is free, and only writes
 * that arrive while every slot is busy are gathered, so an idle server adds no latency.
 * If a batch fails, each of its writes is retried alone, so one bad write fails only itself.
 */
export class DeliveryBatcher<Item, Result> {
  private readonly queue: {
    item: Item;
    resolve(result: Result): void;
    reject(error: unknown): void;
  }[] = [];
  private inFlight = 0;

  constructor(
    private readonly options: {
      maxInFlight: number;
      /** A batch stops growing at this total weight (one item may exceed it alone). */
      maxWeight: number;
      weigh(item: Item): number;
      /** Items sharing a key never go in one batch. */
      keysOf(item: Item): string[];
      /** Stores a batch; results in the order of the items. */
      run(items: Item[]): Promise<Result[]>;
    },
  ) {}

  store(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** From the head of the queue, in order, until a key repeats or the weight is reached. */
  private takeBatch(): typeof this.queue {
    const batch: typeof this.queue = [];
    const keys = new Set<string>();
    let weight = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as (typeof this.queue)[number];
      const nextKeys = this.options.keysOf(next.item);
      const nextWeight = this.options.weigh(next.item);
      if (batch.length > 0) {
        if (weight + nextWeight > this.options.maxWeight) break;
        if (nextKeys.some((key) => keys.has(key))) break;
      }
      for (const key of nextKeys) keys.add(key);
      weight += nextWeight;
      batch.push(next);
      this.queue.shift();
    }
    return batch;
  }

  private async flush(batch: typeof this.queue): Promise<void> {
    let results: Result[];
    try {
      results = await this.options.run(batch.map((entry) => entry.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(
        batch.map(async (entry) => {
          try {
            const [result] = await this.options.run([entry.item]);
            entry.resolve(result as Result);
          } catch (alone) {
            entry.reject(alone);
          }
        }),
      );
      return;
    }
    for (const [i, entry] of batch.entries()) entry.resolve(results[i] as Result);
  }
}
