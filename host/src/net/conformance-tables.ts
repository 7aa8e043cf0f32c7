import { hexStatus, type DimseStatus } from '../errors/dimse-statuses.js';

const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

/** A Markdown table of the network Conformance Statement. */
export const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** Status table rows: the service, the status as the standard names it, its code, when Atrium answers it. */
export const statusRows = (rows: readonly (readonly [service: string, status: DimseStatus, when: string])[]): string[][] =>
  rows.map(([service, status, when]) => [service, status.meaning, hexStatus(status.code), when]);
