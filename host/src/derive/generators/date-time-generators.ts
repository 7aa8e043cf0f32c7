import type { Generator } from './generator.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A DA value (YYYYMMDD) of the local date of `d`. */
export function dicomDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

/** A TM value (HHMMSS) of the local time of `d`. */
export function dicomTime(d: Date): string {
  return `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** A DT value (YYYYMMDDHHMMSS) of the local date and time of `d`. */
export function dicomDateTime(d: Date): string {
  return `${dicomDate(d)}${dicomTime(d)}`;
}

/**
 * Date generators (Series, Content, Instance Creation): the local date of the request's
 * `now`. The caller passes the run's start time, so every object of a series agrees.
 */
export const nowDate: Generator = (ctx) => dicomDate(ctx.request.now);

/** Time generators (Series, Content, Instance Creation): the local time of `now`, HHMMSS. */
export const nowTime: Generator = (ctx) => dicomTime(ctx.request.now);
