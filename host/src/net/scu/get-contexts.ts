import { AtriumError } from '../../errors/atrium-error.js';
import { STORAGE_SYNTAXES, UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import type { ContextProposal } from '../ul/request-association.js';

/** Presentation contexts an association proposes at most (PS3.8 §9.3.2.2: odd IDs 1–255). */
export const MAX_CONTEXTS = 128;

/** The stored syntaxes other than the uncompressed ones: compressed, and deflated. */
export const ENCAPSULATED_SYNTAXES: readonly string[] = STORAGE_SYNTAXES.filter((t) => !UNCOMPRESSED_SYNTAXES.includes(t));

/**
 * The transfer syntaxes a C-GET SCU offers per storage class: every syntax we store in a
 * presentation context of its own, uncompressed first. The SCP then sends each instance
 * in the context of the syntax it holds it in, unchanged: one context listing several
 * syntaxes makes the acceptor pick one of them, and an instance held in another (JPEG
 * 2000 when it picked JPEG baseline; Implicit VR when it picked Explicit) cannot be sent
 * or is converted.
 */
export const GET_SYNTAX_GROUPS: readonly (readonly string[])[] = STORAGE_SYNTAXES.map((t) => [t]);

/** One association of a C-GET: its contexts (`head` first) and the storage classes it proposes. */
export interface GetAssociationPlan {
  readonly contexts: readonly ContextProposal[];
  readonly classes: readonly string[];
}

/**
 * Splits the storage contexts of a C-GET over as few associations as PS3.8 allows: each
 * association proposes `head` (the C-GET context) and, for as many of `classes` as fit
 * in {@link MAX_CONTEXTS}, one context per syntax group — a class's contexts all on the
 * same association, in the order of `groups` (so a peer that sends on the first context
 * it accepted for a class, whatever the syntax of the instance, uses an uncompressed one
 * when it can).
 * @throws AtriumError `ATRIUM_ERR_NET_TOO_MANY_CONTEXTS` when one class alone does not fit.
 */
export function getAssociationPlans(classes: readonly string[], groups: readonly (readonly string[])[], head: readonly ContextProposal[]): GetAssociationPlan[] {
  const perAssociation = Math.floor((MAX_CONTEXTS - head.length) / groups.length);
  if (perAssociation < 1) {
    throw new AtriumError('ATRIUM_ERR_NET_TOO_MANY_CONTEXTS', `${head.length} + ${groups.length} presentation contexts per class exceed the ${MAX_CONTEXTS} of an association`, { contexts: head.length + groups.length });
  }
  const unique = [...new Set(classes)];
  const plans: GetAssociationPlan[] = [];
  for (let at = 0; at < unique.length; at += perAssociation) {
    const chunk = unique.slice(at, at + perAssociation);
    plans.push({ classes: chunk, contexts: [...head, ...chunk.flatMap((abstractSyntax) => groups.map((transferSyntaxes) => ({ abstractSyntax, transferSyntaxes })))] });
  }
  return plans;
}
