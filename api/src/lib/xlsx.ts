import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { DateTime } from 'luxon';

/** The media type of an Excel workbook (`?format=xlsx`). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How a date and time cell reads in Excel: `10.02.2027 12:00` (24-hour, no AM/PM). */
export const XLSX_DATE_TIME = 'dd.mm.yyyy hh:mm';

/**
 * An instant as an Excel date cell reading the wall time of `zone`. Excel dates have no zone: the
 * cell holds the local date and time as if it were UTC, which is how exceljs writes a Date.
 */
export function wallClockCell(iso: string | Date | null, zone: string): Date | null {
  if (iso === null) return null;
  const local = (typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso)).setZone(zone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** A new workbook with the product as its author. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Telemost';
  return workbook;
}

/** A sheet whose first row is a bold, frozen, filterable header of these columns. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width?: number; dateTime?: boolean }[],
): ExcelJS.Worksheet {
  // Excel refuses sheet names over 31 characters or with []:*?/\.
  const sheet = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length + 2),
    ...(c.dateTime ? { style: { numFmt: XLSX_DATE_TIME } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** Answers the workbook as a download. */
export async function sendXlsx(res: Response, workbook: ExcelJS.Workbook, filename: string): Promise<void> {
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  res.status(200).type(XLSX_TYPE).attachment(filename).send(buffer);
}
