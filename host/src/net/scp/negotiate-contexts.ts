import { PREFERRED_SYNTAXES } from '../syntaxes.js';
import { PcResult, type ContextAnswer, type ProposedContext, type RoleSelection } from '../ul/pdu.js';

/** What an SCP supports: abstract syntax → acceptable transfer syntaxes. */
export type SupportedSyntaxes = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Answers each proposed presentation context (PS3.8 §9.3.3.2): accepted with a JPEG Lossless
 * syntax when the context offers one we support ({@link PREFERRED_SYNTAXES}, the Canon
 * GCA-9300R's storage SCP policy), else with the first transfer syntax the proposer listed
 * that we support (the proposer's preference — a storage SCP of Level 2 stores what it
 * receives), else "abstract syntax not supported"
 * or "transfer syntaxes not supported". Role selections (PS3.7 §D.3.3.4) are accepted as
 * proposed for abstract syntaxes we support (C-GET: the SCU acts as Storage SCP).
 * Abstract syntaxes in `refused` (the query/retrieve classes, for a caller the policy does
 * not let query) are answered "user rejection".
 */
export function negotiateContexts(
  proposed: readonly ProposedContext[],
  supported: SupportedSyntaxes,
  roleSelections: readonly RoleSelection[],
  refused: ReadonlySet<string> = new Set(),
): { contexts: ContextAnswer[]; roleSelections: RoleSelection[] } {
  const contexts = proposed.map((p): ContextAnswer => {
    if (refused.has(p.abstractSyntax)) return { id: p.id, result: PcResult.UserRejection, transferSyntax: p.transferSyntaxes[0] ?? '' };
    const ours = supported.get(p.abstractSyntax);
    if (!ours) return { id: p.id, result: PcResult.AbstractSyntaxNotSupported, transferSyntax: p.transferSyntaxes[0] ?? '' };
    const ts = p.transferSyntaxes.find((t) => ours.has(t) && PREFERRED_SYNTAXES.includes(t)) ?? p.transferSyntaxes.find((t) => ours.has(t));
    return ts ? { id: p.id, result: PcResult.Acceptance, transferSyntax: ts } : { id: p.id, result: PcResult.TransferSyntaxesNotSupported, transferSyntax: p.transferSyntaxes[0] ?? '' };
  });
  return { contexts, roleSelections: roleSelections.filter((r) => supported.has(r.sopClassUid)) };
}
