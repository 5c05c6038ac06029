/** One person to place in a team: who, and the college they attend for. */
export type TTeamCandidate = { userId: string; institutionId: string };

/** Teams as lists of user ids; team n (1-based) is `teams[n - 1]`. */
export type TTeams = string[][];

/** A deterministic shuffle (mulberry32), so a seed replays a draw. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function deal(ordered: readonly string[], count: number): TTeams {
  const teams: TTeams = Array.from({ length: count }, () => []);
  ordered.forEach((id, i) => {
    teams[i % count]!.push(id);
  });
  return teams;
}

/**
 * Mixed teams across colleges: each college's people are dealt round the teams in one run, the
 * largest college first and the next one carrying on where it stopped. So every college is
 * spread evenly (its count per team differs by at most one), team sizes differ by at most one,
 * and whenever a college has at least `count` people, every team has one of them; with two
 * colleges of at least `count` each, every team has both sides.
 */
export function mixColleges(people: readonly TTeamCandidate[], count: number, seed = 0): TTeams {
  const byCollege = new Map<string, string[]>();
  for (const p of people) {
    const list = byCollege.get(p.institutionId) ?? [];
    list.push(p.userId);
    byCollege.set(p.institutionId, list);
  }
  const colleges = [...byCollege.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
  return deal(
    colleges.flatMap(([, ids]) => (seed ? shuffled(ids, seed) : ids)),
    count,
  );
}

/** Teams drawn at random, sizes differing by at most one. */
export function mixRandom(people: readonly TTeamCandidate[], count: number, seed: number): TTeams {
  return deal(
    shuffled(
      people.map((p) => p.userId),
      seed,
    ),
    count,
  );
}

/**
 * A saved plan brought up to date for today's roster: people still here keep their team (teams
 * beyond `count` are dropped, their people placed anew), people gone are left out, and newcomers
 * join the team with the fewest of their college, then the smallest, then the first.
 */
export function reusePlan(saved: TTeams, people: readonly TTeamCandidate[], count: number): TTeams {
  const college = new Map(people.map((p) => [p.userId, p.institutionId]));
  const teams: TTeams = Array.from({ length: count }, (_, i) =>
    (saved[i] ?? []).filter((id) => college.has(id)),
  );
  const placed = new Set(teams.flat());
  for (const p of people) {
    if (placed.has(p.userId)) continue;
    let best = 0;
    let bestKey: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    teams.forEach((team, i) => {
      const key: [number, number] = [
        team.filter((id) => college.get(id) === p.institutionId).length,
        team.length,
      ];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = i;
        bestKey = key;
      }
    });
    teams[best]!.push(p.userId);
    placed.add(p.userId);
  }
  return teams;
}
