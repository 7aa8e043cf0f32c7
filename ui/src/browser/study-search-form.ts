import { h } from '../dom/h';

/** The search fields of the study browser, as the API's DICOM matching keys (docs/web-api.md). */
export interface StudySearch {
  PatientName?: string;
  PatientID?: string;
  StudyDate?: string;
  ModalitiesInStudy?: string;
  AccessionNumber?: string;
}

const MODALITIES = ['', 'CT', 'MR', 'NM', 'PT', 'XA', 'US', 'CR', 'DX', 'MG', 'SC', 'SR', 'OT'];

/** `2020-01-31` → `20200131`. */
const dicomDate = (v: string) => v.replace(/-/g, '');

/**
 * Name (wildcards allowed; a plain name matches as a prefix, as workstations search), ID, date
 * range, modality and accession. Submitting calls `onSearch` with the keys that have a value.
 */
export function studySearchForm(onSearch: (keys: StudySearch) => void): HTMLFormElement {
  const name = h('input', { name: 'name', placeholder: 'Patient name', 'aria-label': 'Patient name', autocomplete: 'off' });
  const id = h('input', { name: 'pid', placeholder: 'Patient ID', 'aria-label': 'Patient ID', autocomplete: 'off' });
  const from = h('input', { name: 'from', type: 'date', 'aria-label': 'Study date from' });
  const to = h('input', { name: 'to', type: 'date', 'aria-label': 'Study date to' });
  const modality = h('select', { name: 'modality', 'aria-label': 'Modality' }, ...MODALITIES.map((m) => h('option', { value: m }, m || 'any modality')));
  const accession = h('input', { name: 'accession', placeholder: 'Accession', 'aria-label': 'Accession number', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'search', 'data-test': 'search-form' },
    h('div', { class: 'row' }, name, id),
    h('div', { class: 'row' }, from, h('span', { class: 'dash' }, '–'), to),
    h('div', { class: 'row' }, modality, accession, h('button', { type: 'submit', class: 'primary' }, 'Search')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const keys: StudySearch = {};
    const n = name.value.trim();
    if (n) keys.PatientName = /[*?]/.test(n) ? n : `${n.replace(/\s+/g, '^')}*`;
    if (id.value.trim()) keys.PatientID = id.value.trim();
    if (from.value || to.value) keys.StudyDate = `${dicomDate(from.value)}-${dicomDate(to.value)}`;
    if (modality.value) keys.ModalitiesInStudy = modality.value;
    if (accession.value.trim()) keys.AccessionNumber = accession.value.trim();
    onSearch(keys);
  });
  return form;
}
