import type { LinkIndex } from './link-index.js';

/** The persona an ad belongs to: ads connected by phone, photo or text links. */
export interface ClusterInfo {
  /** The smallest ad id in the cluster: stable whatever order the ads arrived in. */
  id: string;
  size: number;
  /**
   * More ads than `maxClusterSize`: likely a chain through a shared value the guards missed (an
   * agency, a template). Reported for review as suspicious, not presented as one persona.
   */
  oversized: boolean;
}

/** Union-find with path halving and union by size over record positions. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

/**
 * Clusters of the whole index by union-find over every link. Returns, per indexed ad id, its
 * cluster (ads without links are left out).
 */
export function clusterAll(index: LinkIndex): Map<string, ClusterInfo> {
  const n = index.records.length;
  const uf = new UnionFind(n);
  for (const kind of ['phone', 'photo'] as const) {
    for (const [key, members] of kind === 'phone' ? index.phoneAds : index.photoAds) {
      if (members.length < 2 || index.isStock(kind, key)) continue;
      for (const m of members) uf.union(members[0]!, m);
    }
  }
  for (let i = 0; i < n; i += 1) for (const m of index.textNeighbours(i).keys()) uf.union(i, m);
  const minId = new Map<number, string>();
  for (let i = 0; i < n; i += 1) {
    const root = uf.find(i);
    const id = index.records[i]!.id;
    const known = minId.get(root);
    if (known === undefined || id < known) minId.set(root, id);
  }
  const out = new Map<string, ClusterInfo>();
  for (let i = 0; i < n; i += 1) {
    const root = uf.find(i);
    const size = uf.size[root]!;
    if (size > 1) out.set(index.records[i]!.id, { id: minId.get(root)!, size, oversized: size > index.guards.maxClusterSize });
  }
  return out;
}

/**
 * The cluster of one ad by a breadth-first walk over its links, stopping once it exceeds
 * `maxClusterSize` (then `size` is `maxClusterSize + 1`, `id` the ad's own, `oversized` true). For the incremental
 * path: cost is bounded by the cap, whatever the history size.
 */
export function clusterOf(index: LinkIndex, id: string): ClusterInfo | null {
  if (!index.byId.has(id)) return null;
  const cap = index.guards.maxClusterSize;
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0 && seen.size <= cap) {
    for (const link of index.linksOf(queue.shift()!)) {
      if (seen.has(link.to)) continue;
      seen.add(link.to);
      queue.push(link.to);
    }
  }
  if (seen.size === 1) return null;
  // Past the cap the walk's reach depends on link order, so report the bound itself: "more than cap".
  if (seen.size > cap) return { id, size: cap + 1, oversized: true };
  return { id: [...seen].sort()[0]!, size: seen.size, oversized: false };
}
