/** The cluster of one ad as an incremental walk found it. */
export interface WalkedCluster {
  /** The smallest ad id of the cluster; null when the ad has no links or the cluster is oversized. */
  id: string | null;
  /** Ads in the cluster (null without links); `cap + 1` when it has more than `cap`. */
  size: number | null;
  oversized: boolean;
}

/** Neighbours per ad id, for the ads asked; loaded in rounds so a store answers one query per round. */
export type NeighbourLoader = (ids: readonly string[]) => Promise<ReadonlyMap<string, readonly string[]>>;

/** Decimal ids (database keys) in numeric order: "9" before "10". */
export function compareNumericIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

interface Walk {
  seen: Set<string>;
  queue: string[];
  state: 'running' | 'merged' | 'done';
}

/**
 * The clusters of `seeds` by breadth-first walks over the links, all walks advancing together so
 * that each round asks `neighbours` once for every ad not yet expanded; walks that meet are one
 * cluster and go on as one. A walk stops once it has seen more than `cap` ads: that cluster is
 * oversized and its reach depends on link order, so its ads get no id (the giant-cluster guard;
 * `clusterAll` reports the same clusters as oversized). Returns the cluster of every ad a walk
 * reached. I/O-free: the store is behind `neighbours`.
 */
export async function walkClusters(
  seeds: readonly string[],
  neighbours: NeighbourLoader,
  cap: number,
  order: (a: string, b: string) => number = compareNumericIds,
): Promise<Map<string, WalkedCluster>> {
  const known = new Map<string, readonly string[]>();
  const owner = new Map<string, Walk>();
  const out = new Map<string, WalkedCluster>();
  let walks: Walk[] = [];
  for (const seed of seeds) {
    if (owner.has(seed)) continue;
    const walk: Walk = { seen: new Set([seed]), queue: [seed], state: 'running' };
    owner.set(seed, walk);
    walks.push(walk);
  }
  while (walks.length > 0) {
    const missing = walks.flatMap((w) => w.queue.filter((id) => !known.has(id)));
    if (missing.length > 0) for (const [id, list] of await neighbours([...new Set(missing)])) known.set(id, list);
    for (const walk of walks) {
      if (walk.state !== 'running') continue;
      const reachedOversized = expand(walk, known, owner, cap);
      if (reachedOversized || walk.seen.size > cap) settle(out, walk, { id: null, size: cap + 1, oversized: true });
      else if (walk.queue.length === 0) settle(out, walk, finished(walk.seen, order));
    }
    walks = walks.filter((w) => w.state === 'running');
  }
  return out;
}

/** One round of a walk; true when it ran into a cluster already found oversized. */
function expand(walk: Walk, known: ReadonlyMap<string, readonly string[]>, owner: Map<string, Walk>, cap: number): boolean {
  let reachedOversized = false;
  for (const id of walk.queue.splice(0)) {
    for (const next of known.get(id) ?? []) {
      if (walk.seen.size > cap) return reachedOversized;
      const other = owner.get(next);
      if (other === walk) continue;
      if (other?.state === 'done') reachedOversized = true; // only oversized walks end before meeting every seed of their cluster
      else if (other?.state === 'running') merge(walk, other, owner);
      else {
        walk.seen.add(next);
        owner.set(next, walk);
        walk.queue.push(next);
      }
    }
  }
  return reachedOversized;
}

function merge(into: Walk, other: Walk, owner: Map<string, Walk>): void {
  for (const id of other.seen) {
    into.seen.add(id);
    owner.set(id, into);
  }
  into.queue.push(...other.queue);
  other.state = 'merged';
}

function finished(seen: ReadonlySet<string>, order: (a: string, b: string) => number): WalkedCluster {
  if (seen.size === 1) return { id: null, size: null, oversized: false };
  return { id: [...seen].sort(order)[0]!, size: seen.size, oversized: false };
}

function settle(out: Map<string, WalkedCluster>, walk: Walk, cluster: WalkedCluster): void {
  walk.state = 'done';
  for (const id of walk.seen) out.set(id, cluster);
}
