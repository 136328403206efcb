/**
 * `DataSnapshotStore`: the snapshots a datacenter received from others, one per
 * `<dataCenterOrigin>-<dataSnapshotOrigin>` as the toolkit's files are named, the newest
 * replacing the older. It belongs to the datacenter, not to a job, as the toolkit's snapshot
 * directory does: a restarted job finds what the previous one stored (and deletes it unless
 * told to keep it). Kept in memory: when the datacenter process dies, so does the store,
 * which in the twin is never brought back.
 */
export interface StoredSnapshot {
  /** the datacenter that sent it */
  readonly dataCenterOrigin: string;
  /** the datacenter whose data it is (differs only for type 4, a snapshot sent back home) */
  readonly dataSnapshotOrigin: string;
  readonly items: readonly unknown[];
  readonly heartbeatCnt: number;
  /** epoch ms it was stored */
  readonly storedAt: number;
}

export class SnapshotStore {
  /** scope (the application) → file name → snapshot */
  private readonly scopes = new Map<string, Map<string, StoredSnapshot>>();

  put(scope: string, snapshot: StoredSnapshot): void {
    this.files(scope).set(fileName(snapshot), snapshot);
  }

  /** Every snapshot sent by `origin`, oldest first. */
  from(scope: string, origin: string): StoredSnapshot[] {
    return [...this.files(scope).values()].filter((s) => s.dataCenterOrigin === origin).sort((a, b) => a.storedAt - b.storedAt);
  }

  all(scope: string): StoredSnapshot[] {
    return [...this.files(scope).values()].sort((a, b) => a.storedAt - b.storedAt);
  }

  /** Deletes what `origin` sent and returns it. */
  takeFrom(scope: string, origin: string): StoredSnapshot[] {
    const taken = this.from(scope, origin);
    for (const s of taken) this.files(scope).delete(fileName(s));
    return taken;
  }

  takeAll(scope: string): StoredSnapshot[] {
    const taken = this.all(scope);
    this.files(scope).clear();
    return taken;
  }

  private files(scope: string): Map<string, StoredSnapshot> {
    let files = this.scopes.get(scope);
    if (!files) {
      files = new Map();
      this.scopes.set(scope, files);
    }
    return files;
  }
}

const fileName = (s: StoredSnapshot): string => `${s.dataCenterOrigin}-${s.dataSnapshotOrigin}.snapshot`;
