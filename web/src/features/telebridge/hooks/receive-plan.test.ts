import { RemoteTrackPublication, Track } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { arrangeTiles } from './arrange-tiles.ts';
import { receiveChanges, receiveKey } from './receive-plan.ts';

type TInfo = ConstructorParameters<typeof RemoteTrackPublication>[1];
// livekit-protocol's TrackSource numbers, as a TrackInfo carries them.
const PROTO_SOURCE = {
  [Track.Source.Camera]: 1,
  [Track.Source.Microphone]: 2,
  [Track.Source.ScreenShare]: 3,
  [Track.Source.ScreenShareAudio]: 4,
} as Record<Track.Source, number>;

let sid = 0;
/**
 * A real livekit-client publication, as the room creates it from the server's TrackInfo, with the
 * connection's autoSubscribe (undefined: livekit-client's default, on).
 */
function publication(source: Track.Source, autoSubscribe: boolean | undefined) {
  const kind =
    source === Track.Source.Camera || source === Track.Source.ScreenShare
      ? Track.Kind.Video
      : Track.Kind.Audio;
  const info = {
    sid: `TR_${++sid}`,
    name: source,
    source: PROTO_SOURCE[source],
    mimeType: '',
    width: kind === Track.Kind.Video ? 320 : 0,
    height: kind === Track.Kind.Video ? 180 : 0,
    simulcast: true,
    encryption: 0,
    muted: false,
  } as unknown as TInfo;
  return new RemoteTrackPublication(kind, info, autoSubscribe);
}

function person(identity: string, sources: Track.Source[], autoSubscribe: boolean | undefined) {
  return {
    identity,
    trackPublications: new Map(
      sources.map((s) => publication(s, autoSubscribe)).map((pub) => [pub.trackSid, pub] as const),
    ),
  };
}

const CAM = Track.Source.Camera;
const MIC = Track.Source.Microphone;

/** A class: 40 people with a camera and a microphone, in the order they came. */
const klass = (autoSubscribe: boolean | undefined) =>
  Array.from({ length: 40 }, (_, i) =>
    person(`s${String(i + 1).padStart(2, '0')}`, [CAM, MIC], autoSubscribe),
  );

/** The first page of the grid for these people, as useGridPaging shows it. */
const firstPage = (people: { identity: string }[]) =>
  new Set(
    arrangeTiles({
      keys: people.map((p) => receiveKey(p.identity, CAM)),
      pinned: new Set(),
      previous: [],
      speaking: [],
      pageSize: 12,
    }).pages[0],
  );

/** Applies the plan as the hook does, and says what is received afterwards. */
function apply(people: ReturnType<typeof person>[], shown: ReadonlySet<string>, audioOnly = false) {
  for (const { pub, subscribe } of receiveChanges(people, shown, audioOnly)) pub.setSubscribed(subscribe);
  const received = (source: Track.Source) =>
    people.filter((p) =>
      [...p.trackPublications.values()].some((pub) => pub.source === source && pub.isDesired),
    );
  return { cameras: received(CAM).map((p) => p.identity), microphones: received(MIC).length };
}

describe('receiveChanges: a class-sized room receives only the cameras it shows', () => {
  it('receives the 12 cameras of the page shown and every microphone', () => {
    const people = klass(false);
    const got = apply(people, firstPage(people));
    expect(got.cameras).toEqual(people.slice(0, 12).map((p) => p.identity));
    expect(got.microphones).toBe(40);
  });

  it('never receives a camera published after the page was worked out (the 40-tile race)', () => {
    const people = klass(false);
    const shown = firstPage(people);
    apply(people, shown);
    // Someone who was off the page publishes a camera again (or a full reconnect makes every
    // publication anew) before the grid renders: the plan, applied on the room's event with the
    // page it last rendered, leaves it unreceived.
    const late = people[30]!;
    const again = publication(CAM, false);
    late.trackPublications.set(again.trackSid, again);
    expect(again.isDesired).toBe(false);
    expect(receiveChanges(people, shown, false).filter((c) => c.pub === again)).toEqual([]);
    expect(apply(people, shown).cameras).toHaveLength(12);
  });

  it('with autoSubscribe on (the old connection) every publication arrives wanted: the plan has to unsubscribe them', () => {
    // What the page decoded when an event was missed: all 40, until the plan ran over them.
    const people = klass(undefined);
    expect(people.every((p) => [...p.trackPublications.values()].every((pub) => pub.isDesired))).toBe(true);
    const got = apply(people, firstPage(people));
    expect(got.cameras).toHaveLength(12);
  });

  it('stops receiving a camera whose tile leaves the page, and receives the new ones', () => {
    const people = klass(false);
    apply(people, firstPage(people));
    const second = new Set(people.slice(12, 24).map((p) => receiveKey(p.identity, CAM)));
    const got = apply(people, second);
    expect(got.cameras).toEqual(people.slice(12, 24).map((p) => p.identity));
    expect(got.microphones).toBe(40);
  });

  it('receives the spotlighted phone camera (<owner>#camera) and a shared screen, with its sound', () => {
    const people = [
      ...klass(false).slice(0, 20),
      person('s01#camera', [CAM], false),
      person('teacher', [CAM, MIC, Track.Source.ScreenShare, Track.Source.ScreenShareAudio], false),
    ];
    const shown = new Set([
      receiveKey('s01#camera', CAM),
      receiveKey('teacher', Track.Source.ScreenShare),
      receiveKey('s02', CAM),
    ]);
    apply(people, shown);
    const desired = (identity: string, source: Track.Source) =>
      [...people.find((p) => p.identity === identity)!.trackPublications.values()].find(
        (pub) => pub.source === source,
      )!.isDesired;
    expect(desired('s01#camera', CAM)).toBe(true);
    expect(desired('teacher', Track.Source.ScreenShare)).toBe(true);
    expect(desired('teacher', Track.Source.ScreenShareAudio)).toBe(true);
    expect(desired('teacher', CAM)).toBe(false); // not on screen while the screen is
    expect(desired('s02', CAM)).toBe(true);
    expect(desired('s03', CAM)).toBe(false);
  });

  it('audio only: no video at all, every sound', () => {
    const people = klass(false);
    const got = apply(people, firstPage(people), true);
    expect(got.cameras).toEqual([]);
    expect(got.microphones).toBe(40);
  });
});
