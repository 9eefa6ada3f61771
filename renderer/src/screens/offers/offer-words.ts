import { parseUkDate } from '../../../../contract/dates';
import { todayUk } from '../partners/today';

export { todayUk };

/** A dd/mm/yyyy field as ISO for the contract; what was typed goes through unchanged so the schema can name the problem. */
export const isoOf = (text: string): string => parseUkDate(text) ?? text;

export const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Pounds typed as "123.45" or "£123" to whole pence; NaN for anything else, which the schema refuses. */
export function penceOf(text: string): number {
  const t = text.replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}
