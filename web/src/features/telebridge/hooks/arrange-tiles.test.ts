import { describe, expect, it } from 'vitest';
import { arrangeTiles } from './arrange-tiles.ts';

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

describe('arrangeTiles: the pages of a class-sized grid', () => {
  it('puts 40 people in pages of 12, this person first, in the order they came', () => {
    const keys = ['me', ...people(39)];
    const { pages } = arrangeTiles({
      keys,
      pinned: new Set(),
      local: 'me',
      previous: [],
      speaking: [],
      pageSize: 12,
    });
    expect(pages.map((p) => p.length)).toEqual([12, 12, 12, 4]);
    expect(pages[0]!.slice(0, 3)).toEqual(['me', 'p1', 'p2']);
    expect(pages.flat().sort()).toEqual([...keys].sort()); // everyone once
  });

  it('shows a pinned tile (a shared screen) on every page', () => {
    const keys = ['p1-screen', ...people(20)];
    const { pages } = arrangeTiles({
      keys,
      pinned: new Set(['p1-screen']),
      previous: [],
      speaking: [],
      pageSize: 12,
    });
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page[0]).toBe('p1-screen');
    expect(pages[0]).toHaveLength(12);
  });

  it('brings a speaker from page three to the front of page one, and keeps the rest in order', () => {
    const keys = ['me', ...people(39)];
    const first = arrangeTiles({
      keys,
      pinned: new Set(),
      local: 'me',
      previous: [],
      speaking: [],
      pageSize: 12,
    });
    const next = arrangeTiles({
      keys,
      pinned: new Set(),
      local: 'me',
      previous: first.order,
      speaking: ['p30'],
      pageSize: 12,
    });
    expect(next.pages[0]!.slice(0, 3)).toEqual(['me', 'p30', 'p1']);
    expect(next.pages[0]).toHaveLength(12);
    expect(next.pages[1]![0]).toBe('p11'); // pushed from the end of page one
  });

  it('leaves a speaker already on page one where it is (no reshuffle while people talk)', () => {
    const keys = people(30);
    const first = arrangeTiles({ keys, pinned: new Set(), previous: [], speaking: [], pageSize: 12 });
    const next = arrangeTiles({
      keys,
      pinned: new Set(),
      previous: first.order,
      speaking: ['p5'],
      pageSize: 12,
    });
    expect(next.order).toEqual(first.order);
  });

  it('keeps the order it had when people leave and come', () => {
    const a = arrangeTiles({
      keys: people(5),
      pinned: new Set(),
      previous: ['p3', 'p1', 'p2', 'p4', 'p5'],
      speaking: [],
      pageSize: 12,
    });
    expect(a.order).toEqual(['p3', 'p1', 'p2', 'p4', 'p5']);
    const b = arrangeTiles({
      keys: ['p1', 'p2', 'p3', 'p5', 'p6'],
      pinned: new Set(),
      previous: a.order,
      speaking: [],
      pageSize: 12,
    });
    expect(b.order).toEqual(['p3', 'p1', 'p2', 'p5', 'p6']);
  });

  it('has one empty page for an empty room', () => {
    expect(
      arrangeTiles({ keys: [], pinned: new Set(), previous: [], speaking: [], pageSize: 12 }).pages,
    ).toEqual([[]]);
  });
});
