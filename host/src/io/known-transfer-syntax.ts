import { Tag, transferSyntaxName } from '@atrium/sdk';
import type { DataSet } from './data-set.js';
import { parseError } from './parse-error.js';
import { transferSyntaxInfo, type TransferSyntaxInfo } from './transfer-syntax.js';
import { uidProblem } from './uid-problem.js';
import { quoteValue } from './quote-value.js';

/**
 * The transfer syntax a data set is to be decoded with, from the File Meta Information's
 * Transfer Syntax UID (0002,0010) or the one the caller names: it must be one value, a
 * well-formed UID and a transfer syntax of PS3.6 Table A-1. Anything else would make the
 * data set be read with a guessed encoding, so it is refused
 * (`ATRIUM_ERR_PARSE_TRANSFER_SYNTAX`, naming the value and the offset of the data set).
 */
export function knownTransferSyntax(source: DataSet | string, offset: number): TransferSyntaxInfo {
  const values = typeof source === 'string' ? [source] : source.strings(Tag.TransferSyntaxUID);
  const refuse = (what: string): never => {
    throw parseError('TRANSFER_SYNTAX', `Transfer Syntax UID ${what}`, [Tag.TransferSyntaxUID], offset);
  };
  if (values.length === 0) refuse('is empty');
  if (values.length !== 1) refuse(`has ${values.length} values (${quoteValue(values.join('\\'))}); it must have one`);
  const uid = values[0]!;
  const problem = uidProblem(uid);
  if (problem !== undefined) refuse(problem.what);
  if (transferSyntaxName(uid) === undefined) refuse(`${uid} is not a transfer syntax of PS3.6 Table A-1: the data set cannot be decoded`);
  return transferSyntaxInfo(uid);
}
