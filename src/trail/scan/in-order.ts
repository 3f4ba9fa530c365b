/**
 * Hands on the events of blobs in the order the blobs were given, whichever worker finishes first:
 * the events of the oldest unfinished blob go straight through, those of later blobs wait until
 * every blob before them has ended. So a scan's output (and what stateful detections see) is the
 * same on every run and with any number of workers. What waits is bounded by the blobs in flight.
 */
export class InOrder<E> {
  /** The oldest blob not yet ended: its events are not held. */
  private next = 0;
  private readonly held = new Map<number, E[]>();
  private readonly ended = new Set<number>();

  constructor(private readonly emit: (event: E) => void) {}

  /** How many events are held back. */
  heldEvents = 0;

  /** An event of blob `id` (ids are given 0, 1, 2, ... in blob order). */
  event(id: number, event: E): void {
    if (id === this.next) {
      this.emit(event);
      return;
    }
    let list = this.held.get(id);
    if (!list) {
      list = [];
      this.held.set(id, list);
    }
    list.push(event);
    this.heldEvents++;
  }

  /** Blob `id` has sent its last event. */
  end(id: number): void {
    this.ended.add(id);
    while (this.ended.has(this.next)) {
      this.ended.delete(this.next);
      this.next++;
      const list = this.held.get(this.next);
      if (list) {
        this.held.delete(this.next);
        this.heldEvents -= list.length;
        for (const event of list) this.emit(event);
      }
    }
  }
}
