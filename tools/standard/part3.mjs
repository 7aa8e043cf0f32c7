// Module and macro attribute tables of the GDCM Part 3 XML (2008 edition): include resolution
// and flattening into attribute paths.

/** Normalised table name for matching: lower case, words only, without "module"/"macro"/"attributes"/… */
export function normaliseName(name) {
  return name
    .toLowerCase()
    .replace(/[“”‘’'"]/g, '')
    .replace(/\battributes description\b/g, ' ')
    .replace(/\b(module|modules|macro|macros|attributes?|table|iod)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Reads the <module> and <macro> tables: Map table-id → { id, kind, ref, name, items }. */
export function readPart3Tables(part3) {
  const tables = new Map();
  for (const node of part3.children) {
    if (node.name !== 'module' && node.name !== 'macro') continue;
    tables.set(node.attrs.table, {
      id: node.attrs.table,
      kind: node.name,
      ref: node.attrs.ref ?? '',
      name: node.attrs.name,
      items: node.children.filter((c) => c.name === 'entry' || c.name === 'include'),
    });
  }
  return tables;
}

/** Words of a normalised name in sorted order (2008 macro names are sometimes invoked with words swapped). */
function wordKey(normalised) {
  return normalised.split(' ').sort().join(' ');
}

/** Names by which tables are invoked: normalised own name, plus the 'invoked as' alias of 8.8-1. */
function nameIndex(tables) {
  const index = new Map();
  const add = (key, id) => {
    if (!key) return;
    const list = index.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    index.set(key, list);
  };
  for (const t of tables.values()) {
    add(normaliseName(t.name), t.id);
    add(wordKey(normaliseName(t.name)), t.id);
    const alias = /invoked as\s*[“"']([^”"']+)[”"']/i.exec(t.name);
    if (alias) add(normaliseName(alias[1]), t.id);
  }
  return index;
}

/**
 * Resolves an <include ref="…"> text to a table id, or undefined. Uses the table number when its
 * table has a compatible name, else the macro name (the 2008 text has typos in both).
 */
export function makeIncludeResolver(tables) {
  const byName = nameIndex(tables);
  const byLowerId = new Map([...tables.keys()].map((id) => [id.toLowerCase(), id]));
  return (refText) => {
    const text = refText.replace(/^[>\s]+/, '');
    if (!/^Include\b/i.test(text)) return undefined;
    const idMatch = /Table\s*\(?\s*((?:[A-Z]\.)?\d[\dA-Za-z.]*(?:-[\dA-Za-z.]+)?)/.exec(text);
    const id = idMatch ? idMatch[1].replace(/\.+$/, '') : undefined;
    const nameMatch = /^Include\s+(.*?)\s*,?\s*(?:\(?Table\b|$)/i.exec(text);
    const key = nameMatch ? normaliseName(nameMatch[1]) : '';
    const idKey = id === undefined ? undefined : byLowerId.get(id.toLowerCase());
    const byId = idKey !== undefined ? tables.get(idKey) : undefined;
    let named = byName.get(key) ?? byName.get(wordKey(key)) ?? [];
    // An include names a macro: prefer macros when a module has the same name.
    if (named.length > 1) named = named.filter((n) => tables.get(n).kind === 'macro');
    if (byId && (named.length === 0 || named.includes(byId.id) || normaliseName(byId.name).includes(key))) return byId.id;
    if (named.length === 1) return named[0];
    if (byId) return byId.id;
    return undefined;
  };
}

/** Depth given by leading '>' characters. */
function depthOf(text) {
  const m = /^\s*((?:>\s*)*)/.exec(text);
  return (m[1].match(/>/g) ?? []).length;
}

/**
 * Flattens a table into attribute rows { path: string[] (8-hex-digit tags, 'xx' kept), type, name }.
 * Includes are expanded recursively at their nesting depth; a table that includes itself
 * (directly or indirectly, e.g. SR Document Content) is not expanded again: the row of the
 * sequence it would fill is marked recursive. An include with a condition ("… if and only if …")
 * turns the macro's Type 1 and 2 into 1C and 2C (row marked conditional). stats collects
 * unresolved includes.
 */
export function flattenTable(tables, resolve, tableId, stats, stack = []) {
  const table = tables.get(tableId);
  const rows = [];
  // Path of the last row: the sequences open at each depth (an entry at depth d sits in open[0..d-1]).
  let open = [];
  const clampDepth = (depth, what) => {
    if (depth <= open.length) return depth;
    stats.badNesting.push(`${table.id}: ${what}`);
    return open.length;
  };
  for (const item of table.items) {
    if (item.name === 'entry') {
      const rawName = item.attrs.name ?? '';
      const depth = clampDepth(depthOf(rawName), rawName);
      const tag = (item.attrs.group + item.attrs.element).toUpperCase();
      const row = { path: [...open.slice(0, depth), tag], type: item.attrs.type ?? '', name: rawName.replace(/^[>\s]+/, '') };
      rows.push(row);
      open = row.path;
    } else {
      const ref = item.attrs.ref ?? '';
      const target = resolve(ref);
      if (target === undefined) {
        if (/^\s*(>\s*)*Include/i.test(ref)) stats.unresolved.add(`${table.id}: ${ref.trim()}`);
        else stats.ignored.add(ref.replace(/^[>\s]+/, '').slice(0, 60));
        continue;
      }
      const depth = clampDepth(depthOf(ref), ref);
      const prefix = open.slice(0, depth);
      if (target === tableId || stack.includes(target)) {
        const owner = rows.findLast((r) => r.path.length === depth && r.path.every((t, i) => t === prefix[i]));
        if (owner) owner.recursive = true;
        stats.recursions.add(`${[...stack, tableId].join(' > ')} > ${target}`);
        continue;
      }
      const sub = flattenTable(tables, resolve, target, stats, [...stack, tableId]);
      // "Include … if and only if Value Type is NUM": the macro's Type 1/2 attributes become 1C/2C.
      const conditional = /\bif\b/i.test(ref);
      for (const r of sub) {
        const type = conditional && (r.type === '1' || r.type === '2') ? `${r.type}C` : r.type;
        rows.push({ ...r, path: [...prefix, ...r.path], type, conditional: r.conditional || (conditional && type !== r.type) });
      }
      if (sub.length > 0) open = rows[rows.length - 1].path;
      stats.includes++;
    }
  }
  return rows;
}
