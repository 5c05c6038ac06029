import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render.tsx';
import { SeriesScopePicker, type TSeriesScope } from './series-scope-picker.tsx';

function Harness({ seen }: { seen: TSeriesScope[] }) {
  const [scope, setScope] = useState<TSeriesScope>('this');
  return (
    <SeriesScopePicker
      name="scope"
      scope={scope}
      onChange={(s) => {
        seen.push(s);
        setScope(s);
      }}
    />
  );
}

describe('SeriesScopePicker', () => {
  it('when an occurrence of a series is edited, then “only this one” is chosen first and “this and the following” can be picked, in the user’s language', () => {
    const seen: TSeriesScope[] = [];
    renderWithApp(<Harness seen={seen} />, { locale: 'kk' });
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios).toHaveLength(2);
    expect(radios.map((r) => r.checked)).toEqual([true, false]);
    fireEvent.click(radios[1]!);
    expect(seen).toEqual(['following']);
    expect(radios.map((r) => r.checked)).toEqual([false, true]);
    expect(screen.getByRole('group').textContent).not.toMatch(/scope\./);
  });
});
