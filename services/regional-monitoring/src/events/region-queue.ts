// One region's events are handled one at a time in this process, while other regions' run
// alongside (the consumer takes three partitions at once, and a case's events are keyed by case,
// not region). Without it, a recomputation could read the signal of an event still being handled,
// and a region rising through two bands in two events would be published as one jump.
export class RegionQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(region: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(region) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.tails.set(region, tail);
    void tail.then(() => {
      if (this.tails.get(region) === tail) this.tails.delete(region);
    });
    return result;
  }
}
