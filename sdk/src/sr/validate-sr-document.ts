import type { CodedConcept } from './coded-concept.js';
import type { SrChild, SrContentItem, SrObjectReference } from './sr-content-item.js';
import type { SrDocumentSpec } from './sr-document-spec.js';
import type { SrProblem, SrProblemCode } from './sr-problem.js';
import { relationshipAllowed } from './sr-relationship-constraints.js';
import { dateProblem, dateTimeProblem, personNameProblem, textProblem, timeProblem, uidProblem } from './sr-value-formats.js';
import { STANDARD_CODING_SCHEMES } from './standard-coding-schemes.js';

const VALUE_TYPES = new Set(['CONTAINER', 'TEXT', 'CODE', 'NUM', 'UIDREF', 'IMAGE', 'COMPOSITE', 'DATE', 'TIME', 'DATETIME', 'PNAME', 'SCOORD']);
const RELATIONSHIPS = new Set(['CONTAINS', 'HAS PROPERTIES', 'HAS OBS CONTEXT', 'HAS ACQ CONTEXT', 'INFERRED FROM', 'SELECTED FROM', 'HAS CONCEPT MOD']);
/** Value types whose Concept Name is optional (PS3.3 C.17.3: required for the others and for the root). */
const CONCEPT_OPTIONAL = new Set(['CONTAINER', 'IMAGE', 'COMPOSITE', 'SCOORD']);
/** Graphic Data pairs per Graphic Type (PS3.3 C.18.6.1.2): [minimum, maximum]. */
const GRAPHIC_PAIRS: Readonly<Record<string, readonly [number, number]>> = { POINT: [1, 1], MULTIPOINT: [1, Infinity], POLYLINE: [2, Infinity], CIRCLE: [2, 2], ELLIPSE: [4, 4] };
/** Deepest content tree written: each level is one nested sequence, and readers limit nesting (Atrium's parser at 64). */
const MAX_DEPTH = 50;
const IOD_TABLE = { 'comprehensive-sr': 'Comprehensive SR (PS3.3 Table A.35.3-2)', 'enhanced-sr': 'Enhanced SR (PS3.3 Table A.35.2-2)' } as const;

/**
 * Every reason `spec` cannot be written as an SR document ([] when it can): the document
 * attributes (PS3.3 C.17.2: Completion Flag; VERIFIED needs Verifying Observers with name,
 * organization and date-time), each content item (PS3.3 C.17.3, C.18: the root a CONTAINER with a
 * concept; a concept wherever required; codes complete and of a standard or declared scheme; NUM
 * with a finite value and a UCUM unit, or a Numeric Value Qualifier; valid UIDs, dates, times,
 * names, graphic data), each relationship against the IOD's constraints table, and references
 * (one SOP instance is one object). Problems name the item by its content item identifier.
 */
export function validateSrDocument(spec: SrDocumentSpec): SrProblem[] {
  const v = new SrValidator(spec);
  checkDocument(spec, v.add, (c, what) => v.checkCode(c, what, 'document', 'document'));
  if (typeof spec.root !== 'object' || spec.root === null || spec.root.valueType !== 'CONTAINER') v.add('ATRIUM_ERR_SR_STRUCTURE', '1', 'content item 1: the root content item is a CONTAINER (PS3.3 C.17.3)');
  else v.checkItem(spec.root, '1', []);
  for (const [i, ref] of (spec.evidence ?? []).entries()) v.checkReference(ref, 'document', `evidence ${i + 1}`);
  return v.problems;
}

/** The checks of one document, collecting problems. */
class SrValidator {
  readonly problems: SrProblem[] = [];
  private readonly declared: ReadonlySet<string>;
  private readonly references = new Map<string, SrObjectReference>();

  constructor(private readonly spec: SrDocumentSpec) {
    this.declared = new Set((spec.codingSchemes ?? []).map((s) => s.designator));
  }

  readonly add = (code: SrProblemCode, path: string, message: string): void => void this.problems.push({ code, path, message });

  checkItem(item: SrContentItem, path: string, ancestors: readonly SrContentItem[]): void {
    if (typeof item !== 'object' || item === null || !VALUE_TYPES.has((item as { valueType?: string }).valueType ?? '')) {
      return this.add('ATRIUM_ERR_SR_STRUCTURE', path, `content item ${path}: value type ${JSON.stringify((item as { valueType?: unknown } | null)?.valueType)} is not one the builder writes (${[...VALUE_TYPES].join(', ')})`);
    }
    const where = `content item ${path} (${item.valueType}${typeof item.concept?.meaning === 'string' ? ` "${item.concept.meaning}"` : ''})`;
    if (item.concept === undefined) {
      if (!CONCEPT_OPTIONAL.has(item.valueType) || path === '1') this.add('ATRIUM_ERR_SR_CONCEPT', path, `${where}: no Concept Name (required for ${path === '1' ? 'the root CONTAINER: the document title' : `a ${item.valueType}`}, PS3.3 C.17.3)`);
    } else this.checkCode(item.concept, 'Concept Name', path, where);
    this.checkValue(item, path, where);
    if (item.observationDateTime !== undefined) {
      const p = dateTimeProblem(item.observationDateTime);
      if (p) this.add('ATRIUM_ERR_SR_VALUE', path, `${where}: Observation DateTime ${p}`);
    }
    const children = item.children ?? [];
    const selectedFrom = children.filter((c) => c?.relationship === 'SELECTED FROM').length;
    if (item.valueType === 'SCOORD' && selectedFrom !== 1) this.add('ATRIUM_ERR_SR_RELATIONSHIP', path, `${where}: an SCOORD is SELECTED FROM exactly one IMAGE (PS3.3 C.18.6); it has ${selectedFrom}`);
    if (children.length > 0 && ancestors.length + 1 >= MAX_DEPTH) return this.add('ATRIUM_ERR_SR_STRUCTURE', path, `${where}: the content tree is nested deeper than ${MAX_DEPTH} items`);
    children.forEach((child, i) => this.checkChild(item, child, `${path}.${i + 1}`, [...ancestors, item]));
  }

  private checkChild(parent: SrContentItem, child: SrChild, path: string, ancestors: readonly SrContentItem[]): void {
    if (ancestors.includes(child)) return this.add('ATRIUM_ERR_SR_STRUCTURE', path, `content item ${path}: an item is inside itself (the tree has a cycle)`);
    if (!RELATIONSHIPS.has(child?.relationship)) {
      return this.add('ATRIUM_ERR_SR_STRUCTURE', path, `content item ${path}: relationship ${JSON.stringify(child?.relationship)} is not one of ${[...RELATIONSHIPS].join(', ')}`);
    }
    if (VALUE_TYPES.has(child.valueType) && !relationshipAllowed(this.spec.iod, parent.valueType, child.relationship, child.valueType)) {
      this.add('ATRIUM_ERR_SR_RELATIONSHIP', path, `content item ${path}: ${parent.valueType} ${child.relationship} ${child.valueType} is not allowed in ${IOD_TABLE[this.spec.iod] ?? this.spec.iod}`);
    }
    this.checkItem(child, path, ancestors);
  }

  private checkValue(item: SrContentItem, path: string, where: string): void {
    const value = (code: SrProblemCode, problem: string | undefined, what: string): void => {
      if (problem) this.add(code, path, `${where}: ${what} ${problem}`);
    };
    switch (item.valueType) {
      case 'CONTAINER':
        if (item.continuity !== undefined && item.continuity !== 'SEPARATE' && item.continuity !== 'CONTINUOUS') value('ATRIUM_ERR_SR_VALUE', `${JSON.stringify(item.continuity)} is not SEPARATE or CONTINUOUS`, 'Continuity Of Content');
        if (item.template) value('ATRIUM_ERR_SR_VALUE', textProblem(item.template.identifier, 64) ?? textProblem(item.template.mappingResource, 16), 'Content Template');
        return;
      case 'TEXT':
        return value('ATRIUM_ERR_SR_VALUE', typeof item.text === 'string' && item.text.trim() !== '' ? undefined : 'is empty', 'Text Value');
      case 'CODE':
        return this.checkCode(item.code, 'Concept Code', path, where);
      case 'NUM':
        return this.checkNum(item, path, where);
      case 'UIDREF':
        return value('ATRIUM_ERR_SR_VALUE', uidProblem(item.uid), 'UID');
      case 'IMAGE':
        this.checkReference(item.image, path, where);
        if (item.image?.frames?.some((f) => !Number.isInteger(f) || f < 1)) value('ATRIUM_ERR_SR_REFERENCE', `${item.image.frames.join('\\')} are not frame numbers (from 1)`, 'Referenced Frame Number');
        return;
      case 'COMPOSITE':
        return this.checkReference(item.object, path, where);
      case 'DATE':
        return value('ATRIUM_ERR_SR_VALUE', dateProblem(item.date), 'Date');
      case 'TIME':
        return value('ATRIUM_ERR_SR_VALUE', timeProblem(item.time), 'Time');
      case 'DATETIME':
        return value('ATRIUM_ERR_SR_VALUE', dateTimeProblem(item.dateTime), 'DateTime');
      case 'PNAME':
        return value('ATRIUM_ERR_SR_VALUE', personNameProblem(item.personName), 'Person Name');
      case 'SCOORD':
        return value('ATRIUM_ERR_SR_VALUE', graphicProblem(item.graphicType, item.graphicData), 'Graphic Data');
    }
  }

  private checkNum(item: Extract<SrContentItem, { valueType: 'NUM' }>, path: string, where: string): void {
    if (item.qualifier !== undefined) this.checkCode(item.qualifier, 'Numeric Value Qualifier', path, where);
    if (item.value === undefined) {
      if (item.qualifier === undefined) this.add('ATRIUM_ERR_SR_NUM', path, `${where}: no value and no Numeric Value Qualifier saying why (PS3.16 CID 42, e.g. NumericValueQualifier.measurementNotAttempted); never a fake zero`);
      if (item.unit !== undefined) this.add('ATRIUM_ERR_SR_UNIT', path, `${where}: a unit without a value`);
      return;
    }
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) {
      return this.add('ATRIUM_ERR_SR_NUM', path, `${where}: value ${String(item.value)} is not a finite number; give no value and a Numeric Value Qualifier (PS3.16 CID 42: not a number, infinity, measurement failure…)`);
    }
    if (item.unit === undefined) return this.add('ATRIUM_ERR_SR_UNIT', path, `${where}: a value without a unit (Measurement Units Code Sequence: a UCUM code, PS3.16 CID 82; 1 or a curly-brace annotation for counts and scores)`);
    this.checkCode(item.unit, 'unit', path, where);
    if (item.unit.scheme !== 'UCUM') this.add('ATRIUM_ERR_SR_UNIT', path, `${where}: unit ${item.unit.value} is of scheme ${item.unit.scheme}; units are UCUM codes (PS3.16 CID 82)`);
  }

  checkCode(c: CodedConcept | undefined, what: string, path: string, where: string): void {
    if (typeof c !== 'object' || c === null) return this.add('ATRIUM_ERR_SR_CODE', path, `${where}: ${what} is not a code (value, scheme, meaning)`);
    const problem = (typeof c.value !== 'string' || c.value.trim() === '' ? 'has no Code Value' : c.value.includes('\\') ? 'has a backslash in its Code Value' : undefined)
      ?? prefix('Coding Scheme Designator', textProblem(c.scheme, 16))
      ?? prefix('Code Meaning', textProblem(c.meaning, 64))
      ?? (c.schemeVersion !== undefined ? prefix('Coding Scheme Version', textProblem(c.schemeVersion, 16)) : undefined)
      ?? (STANDARD_CODING_SCHEMES.has(c.scheme) || this.declared.has(c.scheme) ? undefined : `has scheme ${c.scheme}, which is not a standard scheme (PS3.16 Table 8-1): declare it in codingSchemes (Coding Scheme Identification Sequence)`);
    if (problem) this.add('ATRIUM_ERR_SR_CODE', path, `${where}: ${what} (${String(c.value)} ${String(c.scheme)} "${String(c.meaning)}") ${problem}`);
  }

  checkReference(ref: SrObjectReference | undefined, path: string, where: string): void {
    if (typeof ref !== 'object' || ref === null) return this.add('ATRIUM_ERR_SR_REFERENCE', path, `${where}: no referenced object`);
    for (const key of ['studyInstanceUID', 'seriesInstanceUID', 'sopClassUID', 'sopInstanceUID'] as const) {
      const p = uidProblem(ref[key]);
      if (p) return this.add('ATRIUM_ERR_SR_REFERENCE', path, `${where}: ${key} ${p}`);
    }
    const seen = this.references.get(ref.sopInstanceUID);
    if (seen && (seen.sopClassUID !== ref.sopClassUID || seen.seriesInstanceUID !== ref.seriesInstanceUID || seen.studyInstanceUID !== ref.studyInstanceUID)) {
      this.add('ATRIUM_ERR_SR_REFERENCE', path, `${where}: SOP Instance ${ref.sopInstanceUID} is referenced elsewhere with another SOP Class, series or study`);
    } else this.references.set(ref.sopInstanceUID, ref);
  }
}

/** Document attributes: IOD, Completion Flag, Verification Flag and observers, coding scheme declarations. */
function checkDocument(spec: SrDocumentSpec, add: (code: SrProblemCode, path: string, message: string) => void, checkCode: (c: CodedConcept | undefined, what: string) => void): void {
  const fail = (message: string): void => add('ATRIUM_ERR_SR_DOCUMENT', 'document', message);
  if (!(spec.iod in IOD_TABLE)) fail(`iod ${JSON.stringify(spec.iod)} is not comprehensive-sr or enhanced-sr`);
  if (spec.completion !== 'COMPLETE' && spec.completion !== 'PARTIAL') fail(`Completion Flag ${JSON.stringify(spec.completion)} is not PARTIAL or COMPLETE`);
  if (spec.completionDescription !== undefined) {
    const p = textProblem(spec.completionDescription, 64);
    if (p) fail(`Completion Flag Description ${p}`);
  }
  const verification = spec.verification ?? { flag: 'UNVERIFIED' };
  if (verification.flag === 'VERIFIED') {
    if (!Array.isArray(verification.observers) || verification.observers.length === 0) fail('VERIFIED needs at least one Verifying Observer (name, organization, date-time; PS3.3 C.17.2)');
    for (const [i, o] of (verification.observers ?? []).entries()) {
      const p = prefix('name', personNameProblem(o?.name)) ?? prefix('organization', textProblem(o?.organization, 64)) ?? prefix('date-time', dateTimeProblem(o?.dateTime));
      if (p) fail(`Verifying Observer ${i + 1}: ${p}`);
      if (o?.code !== undefined) checkCode(o.code, `Verifying Observer ${i + 1} code`);
    }
  } else if (verification.flag !== 'UNVERIFIED') fail(`Verification Flag ${JSON.stringify((verification as { flag: unknown }).flag)} is not UNVERIFIED or VERIFIED`);
  const designators = new Set<string>();
  for (const s of spec.codingSchemes ?? []) {
    const p = prefix('designator', textProblem(s?.designator, 16)) ?? prefix('name', textProblem(s?.name, 64)) ?? (s.uid !== undefined ? prefix('UID', uidProblem(s.uid)) : undefined);
    if (p) fail(`coding scheme ${JSON.stringify(s?.designator)}: ${p}`);
    if (designators.has(s?.designator)) fail(`coding scheme ${s.designator} is declared twice`);
    designators.add(s?.designator);
  }
}

function graphicProblem(type: string, data: readonly number[]): string | undefined {
  const pairs = GRAPHIC_PAIRS[type];
  if (!pairs) return `Graphic Type ${JSON.stringify(type)} is not POINT, MULTIPOINT, POLYLINE, CIRCLE or ELLIPSE`;
  if (!Array.isArray(data) || data.length % 2 !== 0 || data.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return 'is not column\\row pairs of finite numbers';
  const n = data.length / 2;
  return n < pairs[0] || n > pairs[1] ? `has ${n} point(s); ${type} needs ${pairs[0] === pairs[1] ? pairs[0] : `at least ${pairs[0]}`}` : undefined;
}

function prefix(what: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${what} ${problem}`;
}
