import type { AttributeType, IodDefinition, IodModule } from '@atrium/sdk';

/** How one module of an IOD takes part in a derived object. */
export interface ModuleRole {
  readonly module: IodModule;
  /** Usage M: always present. */
  readonly mandatory: boolean;
  /** Top-level attributes (keyword → Type in this module). */
  readonly types: ReadonlyMap<string, AttributeType>;
  /** Attributes of this module that no mandatory module of the IOD has. */
  readonly own: ReadonlySet<string>;
  /**
   * Own attributes whose presence means the module is present: those of Type 1 or 2, and
   * those no other module of the IOD has (e.g. Station Name for General Equipment).
   */
  readonly triggers: ReadonlySet<string>;
}

const cache = new Map<string, readonly ModuleRole[]>();

/**
 * The modules of an IOD with the attributes that make a C or U module "present": a module
 * of usage M is always present; a C/U module is present when one of its triggers is (an
 * own attribute — one no M module has — of Type 1 or 2, or one no other module has), and
 * must then be complete. The one
 * rule both the engine (which C/U modules to write) and {@link validateDerived} use.
 * Modules whose attributes are unknown (newer than the 2008 tables) have no attributes.
 */
export function moduleRoles(iod: IodDefinition): readonly ModuleRole[] {
  const hit = cache.get(iod.id);
  if (hit) return hit;
  const inMandatory = new Set<string>();
  const moduleCount = new Map<string, number>();
  for (const m of iod.modules) {
    for (const k of new Set(m.attributes.filter((a) => a.path.length === 1 && a.keyword !== '').map((a) => a.keyword))) {
      if (m.usage === 'M') inMandatory.add(k);
      moduleCount.set(k, (moduleCount.get(k) ?? 0) + 1);
    }
  }
  const roles = iod.modules.map((module): ModuleRole => {
    const types = new Map<string, AttributeType>();
    for (const a of module.attributes) if (a.path.length === 1 && a.keyword !== '' && !types.has(a.keyword)) types.set(a.keyword, a.type);
    const mandatory = module.usage === 'M';
    const own = new Set(mandatory ? [] : [...types.keys()].filter((k) => !inMandatory.has(k)));
    const triggers = new Set([...own].filter((k) => types.get(k) === '1' || types.get(k) === '2' || moduleCount.get(k) === 1));
    return { module, mandatory, types, own, triggers };
  });
  cache.set(iod.id, roles);
  return roles;
}

/** The roles of the modules present in a dataset, given which attributes it has. */
export function presentModules(iod: IodDefinition, has: (keyword: string) => boolean): readonly ModuleRole[] {
  return moduleRoles(iod).filter((r) => r.mandatory || [...r.triggers].some(has));
}
