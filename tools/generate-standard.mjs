#!/usr/bin/env node
// Generates sdk/src/standard/*.generated.ts from the machine-readable DICOM standard tables.
// Run by hand: `node tools/generate-standard.mjs [--standard <dir>] [--verbose]`; the output is committed.
// Default <dir>: ../shared/standard next to the repository root.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJson, writeGenerated } from './standard/common.mjs';
import { readDictionary, dictionaryModule, tagsModule } from './standard/dictionary.mjs';
import { buildUids, readPart6Uids, uidsModule } from './standard/uids.mjs';
import { parseXml } from './standard/xml.mjs';
import { readPart3Tables } from './standard/part3.mjs';
import { buildIods, iodsModule } from './standard/iods.mjs';
import { deidModule, deidStats, readDeidRules } from './standard/deid.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--standard');
const verbose = args.includes('--verbose');
const standardDir = at >= 0 && args[at + 1] ? resolve(args[at + 1]) : resolve(here, '../../shared/standard');
const outDir = resolve(here, '../sdk/src/standard');
mkdirSync(outDir, { recursive: true });
console.log(`standard tables: ${standardDir}`);

const dictionary = readDictionary(readJson(standardDir, 'attributes.json'));
writeGenerated(outDir, 'dictionary.generated.ts', dictionaryModule(dictionary));
writeGenerated(outDir, 'tags.generated.ts', tagsModule(dictionary));
console.log(`dictionary: ${dictionary.length} entries (${dictionary.filter((r) => r.masked).length} repeating-group masks)`);

const deidRules = readDeidRules(readJson(standardDir, 'confidentiality_profile_attributes.json'), dictionary);
writeGenerated(outDir, 'deid-rules.generated.ts', deidModule(deidRules));
const ds = deidStats(deidRules);
console.log(`deid rules (PS3.15 Table E.1-1): ${deidRules.length} rows; Basic Profile ${JSON.stringify(ds.basic)}`);
console.log(`  options ${JSON.stringify(ds.options)}`);
console.log(`  rows without a dictionary keyword: ${ds.withoutKeyword.join(', ')}`);

const part6 = parseXml(readFileSync(join(standardDir, 'gdcm-Part6-2008.xml'), 'utf8'));
const uids = buildUids(readPart6Uids(part6), readJson(standardDir, 'sops.json'));
writeGenerated(outDir, 'uids.generated.ts', uidsModule(uids));
console.log(`uids: ${uids.sopClasses.length} SOP classes, ${uids.transferSyntaxes.length} transfer syntaxes`);

const part3 = parseXml(readFileSync(join(standardDir, 'gdcm-Part3-2008.xml'), 'utf8'));
const std = {
  ciods: readJson(standardDir, 'ciods.json'),
  ciodToModules: readJson(standardDir, 'ciod_to_modules.json'),
  ciodToFuncGroupMacros: readJson(standardDir, 'ciod_to_func_group_macros.json'),
  modules: readJson(standardDir, 'modules.json'),
  macros: readJson(standardDir, 'macros.json'),
  sops: readJson(standardDir, 'sops.json'),
};
const iods = buildIods(std, readPart3Tables(part3), dictionary);
writeGenerated(outDir, 'iods.generated.ts', iodsModule(iods));
const s = iods.stats;
const attrCount = iods.modules.reduce((n, m) => n + m.attributes.length, 0);
console.log(`iods: ${iods.iods.length} IODs, ${iods.sopToIod.length} SOP classes, ${iods.modules.length} modules, ${attrCount} module attribute rows`);
console.log(`  modules matched to a 2008 Part 3 table: ${s.matched.length}; unmatched (attributesUnknown): ${s.unmatched.length}`);
console.log(`  modules curated from the current PS3.3 (tools/standard/curated-modules.mjs): ${s.curated.join('; ')}`);
console.log(`  modules with an unresolved include (incomplete): ${s.incomplete.length} [${s.incomplete.join(', ')}]`);
console.log(`  includes expanded: ${s.includes}; unresolved: ${s.unresolved.size}; recursions cut: ${s.recursions.size}; nesting fixes: ${s.badNesting.length}; duplicate rows dropped: ${s.duplicates}`);
console.log(`  attributes not in the 2025 dictionary: ${s.notInDictionary.size}; retired in 2025: ${s.retired.size}; 2008 tags corrected by name: ${s.tagFixes.length}`);
for (const f of s.tagFixes) console.log(`    tag fix: ${f}`);
if (verbose) {
  console.log('  unmatched modules:', s.unmatched.join(', '));
  console.log('  unresolved includes:\n   ', [...s.unresolved].join('\n    '));
  console.log('  not in the 2025 dictionary:\n   ', [...s.notInDictionary].join('\n    '));
  console.log('  nesting fixes:\n   ', s.badNesting.join('\n    '));
}
