import { describe, expect, it } from 'vitest';
import { translator } from '../lib/i18n/i18n.tsx';
import { placesOf } from './attendance-table.tsx';

const SECTION = '0b5a3c2e-9f1d-4a7b-8c6e-1d2f3a4b5c6d';
const stay = (extra: { team?: number | null; programmeSessionId?: string | null }) => ({
  joinedAt: '2027-02-10T07:00:00.000Z',
  leftAt: '2027-02-10T07:30:00.000Z',
  ...extra,
});

describe('placesOf', () => {
  it('when a person was in the main room only, then no other place is named', () => {
    expect(placesOf({ sessions: [stay({}), stay({ team: null })] }, translator('ru'))).toEqual([]);
  });

  it('when a person moved between teams and a section, then each place is named once, in the order first seen', () => {
    const row = {
      sessions: [
        stay({ team: 2 }),
        stay({}),
        stay({ programmeSessionId: SECTION }),
        stay({ team: 2 }),
        stay({ team: 1 }),
      ],
    };
    expect(placesOf(row, translator('ru'), new Map([[SECTION, 'Секция «Бетон»']]))).toEqual([
      'Команда 2',
      'Секция «Бетон»',
      'Команда 1',
    ]);
    // A section whose title is not known (the programme not loaded) is still named as a section.
    expect(placesOf(row, translator('ru'))).toEqual(['Команда 2', 'Секция', 'Команда 1']);
  });
});
