#!/usr/bin/env node
// Generates sdk/src/standard/*.generated.ts from the machine-readable DICOM standard tables.
// Run by hand: `node tools/generate-standard.mjs [--standard <dir>] [--verbose]`; the output is committed.
// Default <dir>: ../shared/standard next to the repository root.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/** The input files, and where each comes from. */
const INPUTS = [
  ['attributes.json', 'innolitics/dicom-standard, standard/attributes.json (MIT)'],
  ['ciods.json', 'innolitics/dicom-standard, standard/ciods.json'],
  ['ciod_to_modules.json', 'innolitics/dicom-standard, standard/ciod_to_modules.json'],
  ['ciod_to_func_group_macros.json', 'innolitics/dicom-standard, standard/ciod_to_func_group_macros.json'],
  ['modules.json', 'innolitics/dicom-standard, standard/modules.json'],
  ['macros.json', 'innolitics/dicom-standard, standard/macros.json'],
  ['sops.json', 'innolitics/dicom-standard, standard/sops.json'],
  ['confidentiality_profile_attributes.json', 'innolitics/dicom-standard, standard/confidentiality_profile_attributes.json'],
  ['gdcm-Part3-2008.xml', "GDCM (BSD-style), Source/InformationObjectDefinition/Part3.xml of the 2008 edition"],
  ['gdcm-Part6-2008.xml', 'GDCM (BSD-style), Source/DataDictionary/Part6.xml of the 2008 edition'],
];

if ((at >= 0 && !args[at + 1]) || args.some((a) => a.startsWith('-') && a !== '--standard' && a !== '--verbose')) {
  console.error('usage: node tools/generate-standard.mjs [--standard <dir>] [--verbose]');
  process.exit(2);
}
const standardDir = at >= 0 ? resolve(args[at + 1]) : resolve(here, '../../shared/standard');
const missing = INPUTS.filter(([file]) => !existsSync(join(standardDir, file)));
if (missing.length > 0) {
  const what = existsSync(standardDir) ? `${standardDir} lacks ${missing.map(([f]) => f).join(', ')}` : `${standardDir} does not exist`;
  console.error(`generate-standard: the machine-readable DICOM standard is not there: ${what}.

It reads these files from one folder (default: ../shared/standard, a sibling of the repository;
or --standard <dir>):
${INPUTS.map(([file, source]) => `  ${file.padEnd(40)} ${source}`).join('\n')}

Nothing was written. The generated tables (sdk/src/standard/*.generated.ts) are committed: the
build and the tests do not need these files, only a regeneration does (see tools/README.md).`);
  process.exit(1);
}
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
