import type { ParameterSpecJson } from '../../../host/src/web/api-types';
import { h } from '../dom/h';

/** The problem with one value against its spec, in the words of the SDK's parameter validation; undefined when valid. */
export function checkParameter(name: string, spec: ParameterSpecJson, raw: string): string | undefined {
  if (raw === '') return 'default' in spec && spec.default !== undefined ? undefined : `${name} is required`;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = Number(raw);
      if (!Number.isFinite(n)) return `${name} must be a number`;
      if (spec.type === 'integer' && !Number.isInteger(n)) return `${name} must be an integer`;
      if (spec.minimum !== undefined && n < spec.minimum) return `${name} must be ≥ ${spec.minimum}`;
      if (spec.maximum !== undefined && n > spec.maximum) return `${name} must be ≤ ${spec.maximum}`;
      return undefined;
    }
    case 'string':
      return spec.pattern && !new RegExp(spec.pattern).test(raw) ? `${name} must match ${spec.pattern}` : undefined;
    case 'enum':
      return spec.values.includes(raw) ? undefined : `${name} must be one of ${spec.values.join(', ')}`;
    case 'boolean':
      return raw === 'true' || raw === 'false' ? undefined : `${name} must be true or false`;
  }
}

/** A form field's value as the API takes it (numbers and booleans typed; empty = the default). */
function typed(spec: ParameterSpecJson, raw: string): unknown {
  if (spec.type === 'number' || spec.type === 'integer') return Number(raw);
  if (spec.type === 'boolean') return raw === 'true';
  return raw;
}

export interface ParameterForm {
  element: HTMLElement;
  /** The values that differ from the defaults, or undefined (and the messages shown) when one is invalid. */
  values(): Record<string, unknown> | undefined;
  /** Show a message the server gave for one parameter (`details.parameter`). */
  showError(parameter: string, message: string): void;
}

/**
 * A form generated from an app's parameter schema: a number field with its range and unit, a
 * select for an enum or a boolean, a text field with its pattern; each with the description and
 * the default. Values are checked on input with the schema's rules; `custom` replaces the field of
 * a parameter the UI edits another way (the calcium seeds, placed by clicking).
 */
export function parameterForm(parameters: Readonly<Record<string, ParameterSpecJson>>, custom: Record<string, { element: HTMLElement; value(): unknown }> = {}): ParameterForm {
  const fields = new Map<string, { input: HTMLInputElement | HTMLSelectElement; message: HTMLElement; spec: ParameterSpecJson }>();
  const rows: HTMLElement[] = [];
  for (const [name, spec] of Object.entries(parameters)) {
    const message = h('div', { class: 'field-error', 'data-test': `error-${name}` });
    if (custom[name]) {
      rows.push(h('div', { class: 'field' }, h('label', {}, name), custom[name].element, message));
      continue;
    }
    const def = spec.default === undefined ? '' : String(spec.default);
    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.type === 'enum' || spec.type === 'boolean') {
      const values = spec.type === 'enum' ? spec.values : ['true', 'false'];
      input = h('select', { name }, ...values.map((v) => h('option', { value: v, selected: v === def }, v)));
    } else {
      const numeric = spec.type === 'number' || spec.type === 'integer';
      input = h('input', {
        name,
        type: numeric ? 'number' : 'text',
        step: spec.type === 'integer' ? '1' : 'any',
        min: numeric && spec.minimum !== undefined ? String(spec.minimum) : undefined,
        max: numeric && spec.maximum !== undefined ? String(spec.maximum) : undefined,
        placeholder: def,
        value: def,
      });
    }
    input.id = `param-${name}`;
    input.dataset.test = `param-${name}`;
    const unit = 'unit' in spec && spec.unit ? h('span', { class: 'unit' }, spec.unit) : null;
    input.addEventListener('input', () => (message.textContent = checkParameter(name, spec, input.value.trim()) ?? ''));
    fields.set(name, { input, message, spec });
    rows.push(h('div', { class: 'field' }, h('label', { for: input.id, title: spec.description }, name), h('div', { class: 'input-row' }, input, unit), h('div', { class: 'hint' }, spec.description), message));
  }
  const messages = new Map<string, HTMLElement>();
  for (const row of rows) {
    const err = row.querySelector<HTMLElement>('.field-error');
    if (err) messages.set(err.dataset.test!.slice(6), err);
  }
  return {
    element: h('div', { class: 'param-form' }, ...rows),
    values() {
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const [name, f] of fields) {
        const raw = f.input.value.trim();
        const problem = checkParameter(name, f.spec, raw);
        f.message.textContent = problem ?? '';
        if (problem) ok = false;
        else if (raw !== '' && raw !== String(f.spec.default ?? '')) out[name] = typed(f.spec, raw);
      }
      for (const [name, c] of Object.entries(custom)) {
        const v = c.value();
        if (v !== undefined) out[name] = v;
      }
      return ok ? out : undefined;
    },
    showError(parameter, message) {
      const el = messages.get(parameter);
      if (el) el.textContent = message;
    },
  };
}
