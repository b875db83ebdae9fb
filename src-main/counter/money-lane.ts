/**
 * One money-moving call at a time in this process (settlements, refunds, background reversals).
 * Before a settlement the counter app settles every open money-moving journal entry; an entry in
 * `sent` that belongs to a call still in flight in this process must not be taken for a lost one,
 * so two such calls never overlap here (two windows, a double submit of different baskets, the
 * reversal driver).
 */
export class MoneyLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
