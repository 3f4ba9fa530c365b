/**
 * Credentials sessions of the organisation's principals, derived from the seed and the time
 * alone (no hidden state), so every region's stream agrees on who held which key when, even
 * when regions are generated apart (in separate worker threads).
 */
import { accessKeyId } from './identities.js';
import { Prng } from './prng.js';

export interface Session {
  key: string;
  creationMs: number;
}

export class SessionBook {
  private readonly current = new Map<string, { epoch: number; session: Session }>();
  private readonly offsets = new Map<string, number>();
  private readonly adopted = new Map<string, Session & { lifetime: number }>();

  constructor(private readonly seed: string) {}

  /** The session `id` holds at `timeMs`, renewed every `lifetime` ms at a phase of its own. */
  get(id: string, timeMs: number, lifetime: number, kind: 'ASIA' | 'AKIA' = 'ASIA'): Session {
    const taken = this.adopted.get(id);
    if (taken && timeMs >= taken.creationMs && timeMs < taken.creationMs + taken.lifetime) return taken;
    let offset = this.offsets.get(id);
    if (offset === undefined) {
      offset = new Prng(`${this.seed}:phase:${id}`).int(lifetime);
      this.offsets.set(id, offset);
    }
    const epoch = Math.floor((timeMs + offset) / lifetime);
    const found = this.current.get(id);
    if (found?.epoch === epoch) return found.session;
    const session = {
      key: accessKeyId(new Prng(`${this.seed}:key:${id}:${epoch}`), kind),
      creationMs: epoch * lifetime - offset,
    };
    this.current.set(id, { epoch, session });
    return session;
  }

  /** Uses credentials another record delivered (the story's EC2 AssumeRole) for `lifetime` from their creation. */
  adopt(id: string, session: Session, lifetime: number): void {
    this.adopted.set(id, { ...session, lifetime });
  }
}
