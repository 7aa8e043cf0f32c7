/**
 * The derivation engine: derived objects built from data (output IOD tables + mapping
 * tables + named generators), validated before store, and the conformance statement
 * printed from the same tables. Pure functions of data; no database, no files.
 */
export { deriveObject, type DeriveRequest, type DerivedObject } from './derive-object.js';
export { validateDerived, type DeriveProblem } from './validate-derived.js';
export { conformanceStatement, type ConformanceApp } from './conformance-tables.js';
export { resolveActions, type ResolvedActions, type ResolvedAttribute, type ResolvedModule, type MappingProblem } from './resolve-actions.js';
export { deriveUid, DEFAULT_UID_ROOT } from './derive-uid.js';
export { derivedUids, type DerivedUidInput } from './derived-uids.js';
export { canonicalJson } from './canonical-json.js';
export { ruleLabel, saveActionText, type ActionRule, type EngineGenerator } from './action-rule.js';
