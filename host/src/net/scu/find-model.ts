import type { Association } from '../ul/association.js';
import type { ExtendedNegotiation } from '../ul/pdu.js';
import type { ContextProposal } from '../ul/request-association.js';
import { qrContext, qrSopClass, type QueryRequest } from './query-scu.js';

/** The information model a C-FIND runs in, and whether the peer agreed to relational queries in it. */
export interface FindModel {
  readonly model: 'PATIENT' | 'STUDY';
  readonly relational: boolean;
}

/** Byte 1 of the C-FIND service-class application information: relational queries (PS3.4 §C.5.1.1). */
const RELATIONAL = Uint8Array.of(1);

/** The models to try, in order: the one asked for, else Study Root then Patient Root (a PATIENT-level query: Patient Root only). */
function candidates(request: Pick<QueryRequest, 'level' | 'model'>): ('PATIENT' | 'STUDY')[] {
  if (request.model) return [request.model];
  return request.level === 'PATIENT' ? ['PATIENT'] : ['STUDY', 'PATIENT'];
}

/**
 * What a C-FIND association proposes: a context per candidate model, each with relational
 * queries asked for in a SOP Class Extended Negotiation (the Shimadzu DAR-9500f conformance
 * statement: relational Study Root, then relational Patient Root, then hierarchical).
 */
export function findProposals(request: Pick<QueryRequest, 'level' | 'model'>): { contexts: ContextProposal[]; extendedNegotiations: ExtendedNegotiation[] } {
  const models = candidates(request);
  return {
    contexts: models.map((m) => qrContext(m, 'Find')),
    extendedNegotiations: models.map((m) => ({ sopClassUid: qrSopClass(m, 'Find'), info: RELATIONAL })),
  };
}

/**
 * The model to query in on an association opened with {@link findProposals}: the first
 * candidate whose context was accepted with relational queries agreed; else the first
 * candidate accepted, hierarchical (a peer that does not answer the negotiation, or answers 0,
 * as DCMTK's dcmqrscp). Undefined when no Find context was accepted.
 */
export function chooseFindModel(association: Pick<Association, 'contextFor' | 'relationalQueries'>, request: Pick<QueryRequest, 'level' | 'model'>): FindModel | undefined {
  const accepted = candidates(request).filter((m) => association.contextFor(qrSopClass(m, 'Find')) !== undefined);
  const relational = accepted.find((m) => association.relationalQueries(qrSopClass(m, 'Find')));
  if (relational) return { model: relational, relational: true };
  return accepted[0] ? { model: accepted[0], relational: false } : undefined;
}
