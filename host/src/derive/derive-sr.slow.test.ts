/**
 * SR documents from the SDK's builder, derived by the engine, judged by real referees:
 * dicom3tools' dciodvfy (the IOD) and DCMTK's dsrdump (the content tree and its relationship
 * constraints, read with its Comprehensive / Enhanced SR constraint checkers).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSrDocument, NumericValueQualifier, relationshipAllowed, srDocumentMapping,
  type CodedConcept, type OutputDefinition, type SrChild, type SrContainer, type SrContentItem, type SrDocumentSpec, type SrImageReference, type SrIod, type SrRelationship, type SrValueType, Tag } from '@atrium/sdk';
// The builder's serializer without its validation: to write trees the builder refuses, for DCMTK to judge.
import { contentAttributes } from '../../../sdk/src/sr/sr-content-attributes.js';
import { havePeers, peer } from '../../../test/support/peers.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { deriveObject } from './derive-object.js';
import { dciodvfy } from '../../../test/support/dciodvfy.js';
import { ctSources, request } from './test-support/derive-fixtures.js';

const sources = ctSources();
const refs: SrImageReference[] = sources.map(({ dataset }) => ({
  studyInstanceUID: dataset.string(Tag.StudyInstanceUID)!,
  seriesInstanceUID: dataset.string(Tag.SeriesInstanceUID)!,
  sopClassUID: dataset.string(Tag.SOPClassUID)!,
  sopInstanceUID: dataset.string(Tag.SOPInstanceUID)!,
}));
const local = (value: string, meaning: string): CodedConcept => ({ value, scheme: '99TEST', meaning });
const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });
const mm: CodedConcept = { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' };
const output = (iod: 'comprehensive-sr' | 'enhanced-sr'): OutputDefinition => ({ iod, cardinality: 'N:1', description: 'Structured report', mapping: srDocumentMapping });

/** A report using every value type, relationships both IODs allow. */
function report(iod: 'comprehensive-sr' | 'enhanced-sr'): SrDocumentSpec {
  return {
    iod,
    completion: 'COMPLETE',
    verification: { flag: 'VERIFIED', observers: [{ name: 'Smith^John', organization: 'Cardiology', dateTime: '20240305143000' }] },
    codingSchemes: [{ designator: '99TEST', name: 'Atrium test codes', responsibleOrganization: 'Atrium project' }],
    root: {
      valueType: 'CONTAINER',
      concept: dcm('126000', 'Imaging Measurement Report'),
      children: [
        { relationship: 'HAS OBS CONTEXT', valueType: 'PNAME', concept: dcm('121008', 'Person Observer Name'), personName: 'Smith^John' },
        { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', concept: dcm('121018', 'Procedure Study Instance UID'), uid: refs[0]!.studyInstanceUID },
        { relationship: 'HAS OBS CONTEXT', valueType: 'DATETIME', concept: local('DT', 'Observation time'), dateTime: '20240305140000' },
        { relationship: 'HAS OBS CONTEXT', valueType: 'DATE', concept: local('D', 'Acquisition date'), date: '20240305' },
        { relationship: 'HAS OBS CONTEXT', valueType: 'TIME', concept: local('T', 'Acquisition time'), time: '140000' },
        {
          relationship: 'CONTAINS', valueType: 'CONTAINER', concept: local('LESION', 'Lesion 1'), children: [
            {
              relationship: 'CONTAINS', valueType: 'NUM', concept: dcm('121206', 'Distance'), value: 1 / 3, unit: mm, children: [
                { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: local('METHOD', 'Method'), code: { value: '255590007', scheme: 'SCT', meaning: 'Quantitative' } },
                { relationship: 'INFERRED FROM', valueType: 'SCOORD', graphicType: 'POLYLINE', graphicData: [2, 3, 10, 12], children: [{ relationship: 'SELECTED FROM', valueType: 'IMAGE', image: refs[1]! }] },
              ],
            },
            { relationship: 'CONTAINS', valueType: 'NUM', concept: local('MASS', 'Calcium mass'), qualifier: NumericValueQualifier.measurementNotAttempted },
            { relationship: 'CONTAINS', valueType: 'TEXT', concept: local('NOTE', 'Comment'), text: 'Not for clinical use.' },
          ],
        },
        { relationship: 'CONTAINS', valueType: 'IMAGE', concept: local('KEY', 'Key image'), image: refs[2]! },
        { relationship: 'CONTAINS', valueType: 'COMPOSITE', object: refs[0]! },
      ],
    },
  };
}

describe('SR documents from buildSrDocument pass dciodvfy and DCMTK dsrdump', () => {
  const ready = havePeers('dciodvfy', 'dsrdump');
  const tmp = useTempDir('atrium-derive-sr-');
  const dsrdump = (bytes: Uint8Array): { status: number | null; out: string; err: string } => {
    const path = join(tmp(), 'sr.dcm');
    writeFileSync(path, bytes);
    const r = spawnSync(peer('dsrdump')!, ['+Pc', path], { encoding: 'utf8' });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  for (const [iod, name] of [['comprehensive-sr', 'ComprehensiveSR'], ['enhanced-sr', 'EnhancedSR']] as const) {
    it.skipIf(!ready)(`${iod}: every value type, verified, with evidence`, () => {
      const o = deriveObject(request(output(iod), sources, { request: { content: buildSrDocument(report(iod)) } }));
      const check = dciodvfy(o.bytes);
      expect(check.errors, check.output).toEqual([]);
      expect(check.output).toContain(name);
      const r = dsrdump(o.bytes);
      expect(r.err).toBe('');
      expect(r.status).toBe(0);
      expect(r.out).toContain('Verification Flag   : VERIFIED');
      // Numeric Value holds 16 characters of 1/3 (Floating Point Value the full double); a mass not measured is empty, with why.
      expect(r.out).toContain('<contains NUM:(121206,DCM,"Distance")="0.33333333333333" (mm,UCUM,"millimeter")>');
      expect(r.out).toContain('<contains NUM:(MASS,99TEST,"Calcium mass")=empty (114007,DCM,"Measurement not attempted")>');
      expect(r.out).toContain('<inferred from SCOORD:=(POLYLINE,2/3,...)>\n        <selected from IMAGE:=(CT image,)>');
      expect(r.out).toContain('<contains COMPOSITE:=(CTImageStorage,)>');
    });
  }

  it.skipIf(!ready)('agrees with DCMTK\'s constraint checkers on every source × relationship × target of both IODs', () => {
    const item = (valueType: SrValueType): SrContentItem => {
      const concept = dcm('121106', 'Comment');
      switch (valueType) {
        case 'CONTAINER': return { valueType, concept };
        case 'TEXT': return { valueType, concept, text: 'x' };
        case 'CODE': return { valueType, concept, code: dcm('121071', 'Finding') };
        case 'NUM': return { valueType, concept, value: 1, unit: mm };
        case 'UIDREF': return { valueType, concept, uid: '2.25.1' };
        case 'IMAGE': return { valueType, image: refs[0]! };
        case 'COMPOSITE': return { valueType, object: refs[0]! };
        case 'DATE': return { valueType, concept, date: '20240305' };
        case 'TIME': return { valueType, concept, time: '140000' };
        case 'DATETIME': return { valueType, concept, dateTime: '20240305140000' };
        case 'PNAME': return { valueType, concept, personName: 'Doe^J' };
        case 'SCOORD': return { valueType, graphicType: 'POINT', graphicData: [1, 1], children: [{ relationship: 'SELECTED FROM', valueType: 'IMAGE', image: refs[0]! }] };
      }
    };
    const types: SrValueType[] = ['CONTAINER', 'TEXT', 'CODE', 'NUM', 'UIDREF', 'IMAGE', 'COMPOSITE', 'DATE', 'TIME', 'DATETIME', 'PNAME', 'SCOORD'];
    const relationships: SrRelationship[] = ['CONTAINS', 'HAS PROPERTIES', 'HAS OBS CONTEXT', 'HAS ACQ CONTEXT', 'INFERRED FROM', 'SELECTED FROM', 'HAS CONCEPT MOD'];
    const cases: { file: string; iod: SrIod; label: string; ours: boolean }[] = [];
    for (const iod of ['comprehensive-sr', 'enhanced-sr'] as const) {
      for (const source of types) for (const relationship of relationships) for (const target of types) {
        const parent = item(source);
        const child = { ...item(target), relationship } as SrChild;
        const tree: SrContainer = { valueType: 'CONTAINER', concept: dcm('126000', 'Imaging Measurement Report'), children: [{ ...parent, relationship: 'CONTAINS', children: [...(parent.children ?? []), child] } as SrChild] };
        const content = { Modality: 'SR', CompletionFlag: 'COMPLETE', VerificationFlag: 'UNVERIFIED', ...contentAttributes(tree) };
        const file = join(tmp(), `${cases.length}.dcm`);
        writeFileSync(file, deriveObject(request(output(iod), sources, { request: { content } })).bytes);
        cases.push({ file, iod, label: `${iod}: ${source} ${relationship} ${target}`, ours: relationshipAllowed(iod, source, relationship, target) });
      }
    }
    const r = spawnSync(peer('dsrdump')!, ['-q', ...cases.map((c) => c.file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const refused = new Set([...`${r.stderr}`.matchAll(/parsing file: (\S+)/g)].map((m) => m[1]));
    const verdict = (file: string): boolean => !refused.has(file);
    const disagreements = cases.filter((c) => verdict(c.file) !== c.ours).map((c) => `${c.label}: DCMTK ${verdict(c.file) ? 'accepts' : 'refuses'}, Atrium ${c.ours ? 'accepts' : 'refuses'}`);
    expect(disagreements).toEqual([]);
    expect(cases.filter((c) => !c.ours).length).toBeGreaterThan(1000);
  }, 300_000);
});
