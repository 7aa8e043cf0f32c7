import { Tag, deidRuleFor, lookupTag, type DeidOption } from '@atrium/sdk';
import type { DataElement, SequenceItem } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { formatTag } from '../io/parse-error.js';
import { stringElement } from '../io/element-factory.js';
import type { AppliedAction } from './deid-options.js';
import { cleanedElement, dummyElement, emptyElement } from './replacement-element.js';
import { gca9300rAction } from './gca-9300r-preset.js';
import { isCombined, optionAction, positionKey, requirementAt, resolveAction, type IodRequirements } from './resolve-deid-action.js';
import { safePrivateElements } from './safe-private-elements.js';
import type { UidMapper } from './uid-mapper.js';

/** The state of one object's walk: the rules in force and what was done. */
export interface Walk {
  readonly options: ReadonlySet<DeidOption>;
  readonly requirements: IodRequirements;
  readonly uids: UidMapper;
  readonly shiftDays: number | undefined;
  readonly counts: Record<AppliedAction, number>;
  readonly actions: { path: string; action: AppliedAction }[];
  readonly limit: number;
  /** The GCA-9300R preset: its Table 7-1 rows only, every other standard attribute kept. */
  readonly preset: boolean;
  /** Private elements kept under Retain Safe Private. */
  safePrivateKept: number;
}

/** What the walk of one data set (or item) decided beyond each element's own rule. */
interface Scope {
  /** IOD position key of the enclosing item ('' at top level, else the sequence's key + '/'). */
  readonly position: string;
  /** Inside a sequence the table marks D or C (see contentAction). */
  readonly inContent: boolean;
  /** Private elements kept here (Retain Safe Private) with their VR in PS3.15 Table E.3.10-1; empty otherwise. */
  readonly safePrivate: ReadonlyMap<number, string>;
  /** Repeating groups (60xx) that go whole: their Overlay Data is not kept. */
  readonly droppedOverlays: ReadonlySet<number>;
}

/**
 * Walk a data set: every element at every depth gets its action (see actionFor) and is kept,
 * replaced or removed accordingly; sequences are walked item by item.
 */
export function walkDataSet(ds: DataSet, w: Walk, prefix = '', position = '', inContent = false): DataSet {
  const scope: Scope = {
    position, inContent,
    safePrivate: w.options.has('retainSafePrivate') && !w.preset ? safePrivateElements(ds) : new Map(),
    droppedOverlays: position === '' && !w.preset ? droppedOverlayGroups(ds, w) : new Set(),
  };
  const out: DataElement[] = [];
  for (const e of ds.elements) {
    // The element's tag chooses the root (SOP Instance UIDs may have their own: see UidMapper).
    const mapUid = (uid: string): string => w.uids.map(uid, e.tag);
    const action = actionFor(e, scope, w);
    w.counts[action]++;
    // the report path is formatted only when it is used: a reported action or a sequence
    const path = e.items || (action !== 'K' && w.actions.length < w.limit) ? `${prefix}${formatTag(e.tag)}` : '';
    if (action !== 'K' && w.actions.length < w.limit) w.actions.push({ path, action });
    const items = (content: boolean): SequenceItem[] => walkItems(e.items!, path, positionKey(position, e.tag), ds, w, content);
    let next: DataElement | undefined;
    switch (action) {
      case 'K':
      case 'C':
        next = e.items ? { ...e, items: items(inContent || action === 'C') } : action === 'K' ? e : cleanedElement(e, ds, w.shiftDays, mapUid);
        break;
      case 'D': // on a sequence: keep the items, every element of them de-identified by its own rule
        next = e.items ? { ...e, items: items(true) } : dummyElement(e, ds, mapUid);
        break;
      case 'Z':
        next = emptyElement(e);
        break;
      case 'U': // on a sequence (X/Z/U*): the items kept, every element of them de-identified by its own rule
        next = e.items ? { ...e, items: items(true) } : e.vr === 'UI' || e.vr === 'UN' ? stringElement(e.tag, 'UI', uidValues(e, ds).map(mapUid)) : emptyElement(e);
        break;
      case 'X':
        next = undefined;
        break;
    }
    if (next) out.push(next);
  }
  return new DataSet(out, ds.encoding, ds.characterSet);
}

function walkItems(items: readonly SequenceItem[], path: string, position: string, parent: DataSet, w: Walk, inContent: boolean): SequenceItem[] {
  return items.map((item, i) => ({
    undefinedLength: item.undefinedLength,
    dataset: walkDataSet(new DataSet(item.dataset.elements, item.dataset.encoding, parent.characterSet), w, `${path}[${i}]/`, `${position}/`, inContent),
  }));
}

/** The UIDs of a UI element, or of a UN one (a private UID read from Implicit VR) as its text. */
function uidValues(e: DataElement, ds: DataSet): string[] {
  if (e.vr === 'UI') return ds.strings(e.tag);
  return new TextDecoder('latin1').decode(e.value).split('\\').map((v) => v.replace(/[\0 ]+$/, ''));
}

/**
 * The overlay groups (60xx) whose Overlay Data (60xx,3000) the rules do not keep: the whole group
 * goes, so that no Overlay Plane Module is left without its Type 1 Overlay Data.
 */
function droppedOverlayGroups(ds: DataSet, w: Walk): ReadonlySet<number> {
  const groups = new Set<number>();
  for (const e of ds.elements) {
    const group = e.tag >>> 16;
    if ((group & 0xff01) !== 0x6000 || lookupTag(e.tag)?.keyword !== 'OverlayData') continue;
    const rule = deidRuleFor(e.tag);
    if (rule !== undefined && (optionAction(rule, w.options) ?? rule.basic) !== 'K') groups.add(group);
  }
  return groups;
}

/** UI elements that name a class, a coding scheme or a mapping resource, never an instance. */
const CLASS_UID_TAGS: ReadonlySet<number> = new Set([
  Tag.SOPClassUID, Tag.ReferencedSOPClassUID, Tag.CodingSchemeUID, Tag.MappingResourceUID, Tag.ContextGroupExtensionCreatorUID, Tag.TransferSyntaxUID,
]);

/**
 * Inside a sequence the table marks D or C (SR Content Sequence, Verifying Observer, ...),
 * elements the table does not list can still carry identity: free text and person names
 * (TextValue, PersonName), dates and times, UIDs. They are replaced by dummies (UIDs
 * remapped); coded concepts, numbers and references listed elsewhere keep their own rules.
 * UIDs that identify no instance are kept: class and coding-scheme UIDs
 * ({@link CLASS_UID_TAGS}) and every UID of the standard's own root (1.2.840.10008.),
 * so that references keep their SOP class and codes their scheme.
 */
function contentAction(e: DataElement): AppliedAction {
  if (e.vr === 'UI') {
    const value = new TextDecoder('latin1').decode(e.value).replace(/[\0 ]+$/, '');
    return CLASS_UID_TAGS.has(e.tag) || value.startsWith('1.2.840.10008.') ? 'K' : 'U';
  }
  if (['PN', 'ST', 'LT', 'UT', 'UC', 'DA', 'DT', 'TM'].includes(e.vr)) return 'D';
  return 'K';
}

/**
 * The action of one element:
 * - group lengths: removed (stale once values change; retired, PS3.5 §7.2);
 * - under the GCA-9300R preset: its Table 7-1 action (N on an attribute the IOD requires a value
 *   of, or may at a position the tables do not list: a dummy, as Z/D), private elements removed,
 *   anything else kept (see gca9300rAction);
 * - private elements: removed, unless Retain Safe Private keeps them (UIDs among them remapped
 *   unless Retain UIDs is selected);
 * - an overlay group whose Overlay Data goes: removed whole;
 * - the first selected option column with an entry, else the Basic Profile, combined codes
 *   resolved by the attribute's Type at its position in the IOD (see resolveAction);
 * - not in Table E.1-1: kept, or, inside content, see contentAction.
 */
function actionFor(e: DataElement, scope: Scope, w: Walk): AppliedAction {
  if ((e.tag & 0xffff) === 0) return 'X';
  const rule = deidRuleFor(e.tag);
  if (w.preset) {
    if (rule?.privateGroups) return 'X';
    const action = gca9300rAction(e.tag);
    // N where the IOD requires a value: "adjusts the required attributes as specified in PS3.15 Table E.1-1" (Z/D)
    return action === 'Z' ? resolveAction('Z/D', e.vr, requirementAt(w.requirements, positionKey(scope.position, e.tag))) : (action ?? 'K');
  }
  if (rule?.privateGroups) {
    const vr = scope.safePrivate.get(e.tag >>> 0);
    if (vr === undefined) return 'X';
    w.safePrivateKept++;
    return (e.vr === 'UI' || vr === 'UI') && !e.items && !w.options.has('retainUIDs') ? 'U' : 'K';
  }
  if (scope.droppedOverlays.has(e.tag >>> 16)) return 'X';
  if (rule === undefined) return scope.inContent && !e.items ? contentAction(e) : 'K';
  const action = optionAction(rule, w.options) ?? rule.basic;
  return resolveAction(action, e.vr, isCombined(action) ? requirementAt(w.requirements, positionKey(scope.position, e.tag)) : 'none');
}
