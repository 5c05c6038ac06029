import type { Page } from 'playwright-core';

/** `2027-02-10` → `10.02.2027`, as the booking picker takes a date in ru and kk. */
export const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Sets the start on one clock with the picker: the date typed dd.MM.yyyy, the hour and minute chosen. */
export async function setTime(page: Page, city: string, date: string, time: string) {
  await page.getByLabel(`Дата (${city})`).fill(dotted(date));
  await page.getByLabel(`Часы (${city})`).selectOption(time.slice(0, 2));
  await page.getByLabel(`Минуты (${city})`).selectOption(time.slice(3, 5));
}
