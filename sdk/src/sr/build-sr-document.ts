import type { DicomItem, DicomValue } from '../app/dicom-value.js';
import { SdkError } from '../sdk-error.js';
import type { SrContentItem, SrObjectReference } from './sr-content-item.js';
import { codeItem, contentAttributes, sopReference } from './sr-content-attributes.js';
import type { SrDocumentSpec } from './sr-document-spec.js';
import { validateSrDocument } from './validate-sr-document.js';

/**
 * Build an SR document's content (pure): the value an app gives `ctx.derive.write` as `content`
 * for an output of IOD `comprehensive-sr` or `enhanced-sr` whose mapping includes
 * {@link srDocumentMapping}. It holds:
 * - Modality `SR` (SR Document Series, PS3.3 C.17.1);
 * - Completion Flag (and Description), Verification Flag and Verifying Observer Sequence,
 *   Predecessor Documents Sequence of `spec.predecessors` (SR Document General, PS3.3 C.17.2);
 * - Current Requested Procedure Evidence Sequence: `spec.evidence` and every object the IMAGE and
 *   COMPOSITE items reference, by study and series (Hierarchical SOP Instance Reference Macro,
 *   PS3.3 Table C.17-3), in that order, each once;
 * - Coding Scheme Identification Sequence of `spec.codingSchemes` (SOP Common, PS3.3 C.12.1.1.7);
 * - the root CONTAINER's attributes and the content tree (SR Document Content, PS3.3 C.17.3).
 *
 * The document is validated first ({@link validateSrDocument}); any problem throws SdkError
 * `ATRIUM_ERR_SR_INVALID` whose message lists every problem with its content item identifier and
 * whose `details.problems` holds them ({@link SrProblem}). Nothing is written from an invalid tree.
 */
export function buildSrDocument(spec: SrDocumentSpec): DicomItem {
  const problems = validateSrDocument(spec);
  if (problems.length > 0) {
    throw new SdkError('ATRIUM_ERR_SR_INVALID', `the structured report is not valid: ${problems.map((p) => `${p.message} [${p.code}]`).join('; ')}`, { problems });
  }
  const verification = spec.verification ?? { flag: 'UNVERIFIED' as const };
  const out: Record<string, DicomValue> = { Modality: 'SR', CompletionFlag: spec.completion };
  if (spec.completionDescription !== undefined) out.CompletionFlagDescription = spec.completionDescription;
  out.VerificationFlag = verification.flag;
  if (verification.flag === 'VERIFIED') {
    out.VerifyingObserverSequence = verification.observers.map((o) => ({
      VerifyingObserverName: o.name,
      VerifyingObserverIdentificationCodeSequence: o.code ? [codeItem(o.code)] : '',
      VerifyingOrganization: o.organization,
      VerificationDateTime: o.dateTime,
    }));
  }
  if (spec.predecessors && spec.predecessors.length > 0) out.PredecessorDocumentsSequence = evidenceSequence(spec.predecessors);
  const evidence = evidenceSequence([...(spec.evidence ?? []), ...referencesIn(spec.root)]);
  if (evidence.length > 0) out.CurrentRequestedProcedureEvidenceSequence = evidence;
  if (spec.codingSchemes && spec.codingSchemes.length > 0) {
    out.CodingSchemeIdentificationSequence = spec.codingSchemes.map((s) => ({
      CodingSchemeDesignator: s.designator,
      ...(s.uid !== undefined ? { CodingSchemeUID: s.uid } : {}),
      ...(s.version !== undefined ? { CodingSchemeVersion: s.version } : {}),
      CodingSchemeName: s.name,
      ...(s.responsibleOrganization !== undefined ? { CodingSchemeResponsibleOrganization: s.responsibleOrganization } : {}),
    }));
  }
  return { ...out, ...contentAttributes(spec.root) };
}

/** The objects IMAGE and COMPOSITE items reference, depth first in document order. */
function referencesIn(item: SrContentItem): SrObjectReference[] {
  const own = item.valueType === 'IMAGE' ? [item.image] : item.valueType === 'COMPOSITE' ? [item.object] : [];
  return [...own, ...(item.children ?? []).flatMap(referencesIn)];
}

/** Hierarchical SOP Instance Reference Macro items: per study, per series, each instance once. */
function evidenceSequence(refs: readonly SrObjectReference[]): DicomItem[] {
  const studies = new Map<string, Map<string, Map<string, SrObjectReference>>>();
  for (const r of refs) {
    const series = studies.get(r.studyInstanceUID) ?? new Map<string, Map<string, SrObjectReference>>();
    studies.set(r.studyInstanceUID, series);
    const instances = series.get(r.seriesInstanceUID) ?? new Map<string, SrObjectReference>();
    series.set(r.seriesInstanceUID, instances);
    if (!instances.has(r.sopInstanceUID)) instances.set(r.sopInstanceUID, r);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([uid, instances]) => ({ SeriesInstanceUID: uid, ReferencedSOPSequence: [...instances.values()].map(sopReference) })),
  }));
}
