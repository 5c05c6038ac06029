import type { TOffsetAt } from './wall-time.ts';
import { DAY_MS } from './wall-time.ts';

/** The part of luxon's `Zone` the timeline needs. */
export type TOffsetSource = { name: string; offset(utcMs: number): number };

/** Days covered by one cached piece of a zone's timeline. */
const BUCKET_DAYS = 64;
const BUCKET_MS = BUCKET_DAYS * DAY_MS;
/** Bound on cached pieces (each is a few numbers); the cache is simply dropped when full. */
const MAX_BUCKETS = 20_000;

type TBucket = { offsets: number[]; changes: number[] };

const cache = new Map<string, Map<number, TBucket>>();
let cachedBuckets = 0;

function buildBucket(zone: TOffsetSource, bucket: number): TBucket {
  const from = bucket * BUCKET_MS;
  const changes: number[] = [];
  const offsets: number[] = [zone.offset(from)];
  let prevT = from;
  let prevO = offsets[0]!;
  for (let k = 1; k <= BUCKET_DAYS; k++) {
    const t = from + k * DAY_MS;
    const o = zone.offset(t);
    if (o !== prevO) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zone.offset(mid) === prevO) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
      offsets.push(o);
    }
    prevT = t;
    prevO = o;
  }
  return { offsets, changes };
}

function bucketOf(zone: TOffsetSource, bucket: number): TBucket {
  let perZone = cache.get(zone.name);
  if (!perZone) {
    perZone = new Map();
    cache.set(zone.name, perZone);
  }
  let b = perZone.get(bucket);
  if (!b) {
    if (cachedBuckets >= MAX_BUCKETS) {
      cache.clear();
      cachedBuckets = 0;
      perZone = new Map();
      cache.set(zone.name, perZone);
    }
    b = buildBucket(zone, bucket);
    perZone.set(bucket, b);
    cachedBuckets++;
  }
  return b;
}

/**
 * A memoised offset lookup for a zone: the zone's offset changes are found once per 64-day piece
 * (sampled daily, each change pinned to the millisecond by bisection) and kept for the life of
 * the process, so later lookups are a binary search over a handful of numbers instead of an
 * `Intl` call (about 5 µs each in luxon). Two changes within one day would be missed, which no
 * real zone does in modern tzdb. Internal to the time modules.
 */
export function cachedOffsets(zone: TOffsetSource): TOffsetAt {
  let lastBucket = Number.NaN;
  let last: TBucket | null = null;
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket !== lastBucket || !last) {
      last = bucketOf(zone, bucket);
      lastBucket = bucket;
    }
    const { changes, offsets } = last;
    if (changes.length === 0) return offsets[0]!;
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (changes[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return offsets[lo]!;
  };
}
