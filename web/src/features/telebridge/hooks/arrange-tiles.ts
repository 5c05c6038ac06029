/**
 * How a class-sized room fits on a screen: tiles go in pages, and only one page is shown (and
 * received) at a time. Pinned tiles (a shared screen, the spotlight) are on every page; then this
 * person's own camera; then everyone else in a stable order, in which a person who starts
 * speaking off the first page moves to the front, so the active speakers are always on page one.
 * Pure: the hook keeps the order between renders.
 */
export type TArrangeInput = {
  /** Every tile's key, in the room's own order (who came first). */
  keys: readonly string[];
  /** Keys shown on every page. */
  pinned: ReadonlySet<string>;
  /** This person's own tile, first after the pinned ones. */
  local?: string;
  /** The order kept from the last arrangement (keys gone are dropped, new ones go last). */
  previous: readonly string[];
  /** Keys of the people speaking now, loudest first. */
  speaking: readonly string[];
  pageSize: number;
};

export type TArrangement = {
  /** The non-pinned order to keep for the next arrangement. */
  order: string[];
  /** The keys of each page, pinned ones included on every page. */
  pages: string[][];
};

export function arrangeTiles({
  keys,
  pinned,
  local,
  previous,
  speaking,
  pageSize,
}: TArrangeInput): TArrangement {
  const present = new Set(keys);
  const pins = keys.filter((k) => pinned.has(k));
  const kept = previous.filter((k) => present.has(k) && !pinned.has(k));
  const known = new Set(kept);
  let order = [...kept, ...keys.filter((k) => !pinned.has(k) && !known.has(k))];
  if (local !== undefined && order.includes(local)) order = [local, ...order.filter((k) => k !== local)];
  const perPage = Math.max(1, pageSize - pins.length);
  const head = local !== undefined && order[0] === local ? 1 : 0;
  // The quietest speaker is moved first, so the loudest ends up at the very front.
  for (const k of [...speaking].reverse()) {
    const at = order.indexOf(k);
    if (at < 0 || k === local || at < perPage) continue; // already on page one
    order = [...order.slice(0, head), k, ...order.slice(head).filter((x) => x !== k)];
  }
  const pages: string[][] = [];
  for (let i = 0; i < order.length; i += perPage) pages.push([...pins, ...order.slice(i, i + perPage)]);
  if (pages.length === 0) pages.push(pins);
  return { order, pages };
}
