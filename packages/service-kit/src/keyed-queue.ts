// Work of one key runs one piece at a time in this process, while other keys' work runs alongside.
// A consumer that takes several partitions at once uses it when events of one key (a region, say)
// arrive on several partitions, because they are keyed by something else (their case), and a
// handler must see the effects of the one before.
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
