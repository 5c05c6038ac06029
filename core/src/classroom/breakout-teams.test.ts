import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixColleges, mixRandom, reusePlan, type TTeamCandidate } from './breakout-teams.ts';

const rosterArb = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 6 }))
  .map(([a, b, c]) => {
    const people: TTeamCandidate[] = [];
    for (let i = 0; i < a; i++) people.push({ userId: `msk-${i}`, institutionId: 'msk' });
    for (let i = 0; i < b; i++) people.push({ userId: `krg-${i}`, institutionId: 'krg' });
    for (let i = 0; i < c; i++) people.push({ userId: `ast-${i}`, institutionId: 'ast' });
    return people;
  })
  .filter((p) => p.length > 0);

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe('mixed breakout teams across colleges', () => {
  it('when teams are mixed by college, then everyone is placed once, sizes and each college spread evenly, and both sides are in every team whenever numbers allow', () => {
    fc.assert(
      fc.property(rosterArb, fc.integer({ min: 1, max: 12 }), fc.nat(), (people, count, seed) => {
        const teams = mixColleges(people, count, seed);
        expect(teams).toHaveLength(count);
        expect(teams.flat().sort()).toEqual(people.map((p) => p.userId).sort());
        expect(spread(teams.map((t) => t.length))).toBeLessThanOrEqual(1);
        const college = new Map(people.map((p) => [p.userId, p.institutionId]));
        for (const c of new Set(college.values())) {
          const perTeam = teams.map((t) => t.filter((id) => college.get(id) === c).length);
          expect(spread(perTeam)).toBeLessThanOrEqual(1);
          const size = people.filter((p) => p.institutionId === c).length;
          if (size >= count) expect(perTeam.every((n) => n > 0)).toBe(true);
        }
      }),
    );
  });

  it('when teams are drawn at random, then everyone is placed once and sizes differ by at most one, and a seed replays the draw', () => {
    fc.assert(
      fc.property(rosterArb, fc.integer({ min: 1, max: 12 }), fc.nat(), (people, count, seed) => {
        const teams = mixRandom(people, count, seed);
        expect(teams.flat().sort()).toEqual(people.map((p) => p.userId).sort());
        expect(spread(teams.map((t) => t.length))).toBeLessThanOrEqual(1);
        expect(mixRandom(people, count, seed)).toEqual(teams);
      }),
    );
  });

  it('when a saved plan is reused for a changed roster, then those still here keep their team, those gone are out and newcomers are placed once', () => {
    fc.assert(
      fc.property(
        rosterArb,
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (people, count, seed, keep) => {
          const saved = mixColleges(people, count, seed);
          const today = people.filter((_, i) => keep[i]);
          const teams = reusePlan(saved, today, count);
          expect(teams.flat().sort()).toEqual(today.map((p) => p.userId).sort());
          saved.forEach((team, i) => {
            for (const id of team) if (today.some((p) => p.userId === id)) expect(teams[i]).toContain(id);
          });
        },
      ),
    );
  });
});
