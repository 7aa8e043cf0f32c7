import { DICOM_APPLICATION_CONTEXT, RejectReason, RejectResult, RejectSource, peerMaxLengthProblem, type AssociateRq } from './pdu.js';

/** An A-ASSOCIATE-RJ to answer (PS3.8 Table 9-21) and why, for logs. */
export interface AssociationRejection {
  readonly reject: { readonly result: number; readonly source: number; readonly reason: number };
  readonly why: string;
}

const permanent = (source: number, reason: number, why: string): AssociationRejection => ({ reject: { result: RejectResult.Permanent, source, reason }, why });

/**
 * What makes an A-ASSOCIATE-RQ unacceptable to the service provider whoever sends it
 * (PS3.8 §9.2 state machine, action AE-6: answered A-ASSOCIATE-RJ), or undefined:
 * an application context other than DICOM's; no presentation context (PS3.8 §9.3.2:
 * one or more); a presentation context ID that is even, 0 or used twice (§9.3.2.2: odd
 * integers 1–255, unique); a blank calling AE title (PS3.8 §9.3.2, PS3.5 AE: not all
 * spaces); a Maximum Length no P-DATA-TF can be built for (see {@link peerMaxLengthProblem}).
 */
export function checkAssociateRq(rq: AssociateRq): AssociationRejection | undefined {
  if (rq.applicationContext !== DICOM_APPLICATION_CONTEXT) {
    return permanent(RejectSource.ServiceUser, RejectReason.ApplicationContextNotSupported, `application context ${rq.applicationContext} is not DICOM's`);
  }
  if (rq.callingAeTitle === '') return permanent(RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized, 'the calling AE title is blank');
  if (rq.contexts.length === 0) return permanent(RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven, 'no presentation context is proposed');
  const seen = new Set<number>();
  for (const c of rq.contexts) {
    if (c.id % 2 === 0) return permanent(RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven, `presentation context ID ${c.id} is not odd (PS3.8 §9.3.2.2)`);
    if (seen.has(c.id)) return permanent(RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven, `presentation context ID ${c.id} is proposed twice`);
    seen.add(c.id);
  }
  const maxLength = peerMaxLengthProblem(rq.userInformation.maxPduLength);
  if (maxLength) return permanent(RejectSource.ServiceProviderAcse, RejectReason.NoReasonGiven, maxLength);
  return undefined;
}
