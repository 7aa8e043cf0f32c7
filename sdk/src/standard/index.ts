/**
 * DICOM standard tables: data dictionary, tag constants, UIDs, IOD module tables and the
 * PS3.15 de-identification rules (Table E.1-1; the safe private attributes of Table E.3.10-1),
 * generated from the standard by tools/generate-standard.mjs and tools/generate-safe-private.mjs.
 */
export { dictionaryEntries, lookupKeyword, lookupTag, tagToString } from './dictionary.js';
export type { DictionaryEntry } from './dictionary.js';
export { Tag } from './tags.generated.js';
export type { TagKeyword } from './tags.generated.js';
export {
  QueryRetrieveSopClass, SopClass, TransferSyntax, VerificationSOPClass,
  sopClassInfo, sopClassName, transferSyntaxInfo, transferSyntaxName,
} from './uids.js';
export type { UidInfo } from './uids.js';
export type { SopClassKeyword, TransferSyntaxKeyword } from './uids.generated.js';
export { iodById, iodForSopClass, iodIds, type1AttributesOf } from './iods.js';
export type {
  AttributeType, FunctionalGroupMacroUsage, IodDefinition, IodModule, ModuleAttribute, ModuleUsage,
} from './iods.js';
export { DEID_METHOD_CODES, DEID_OPTIONS, deidRuleFor, deidRules } from './deid-rules.js';
export type { DeidAction, DeidMethodCode, DeidOption, DeidRule } from './deid-rules.js';
export { safePrivateAttribute, safePrivateAttributes } from './safe-private.js';
export type { SafePrivateAttribute } from './safe-private.js';
