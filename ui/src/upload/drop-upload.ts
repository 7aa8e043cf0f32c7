import type { ImportResponse } from '../../../host/src/web/api-types';
import { api } from '../api/api-client';
import { h, replaceChildren } from '../dom/h';

/** The files of a dropped folder, read recursively (the File and Directory Entries API). */
async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) return [await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej))];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: File[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
    if (!batch.length) return out;
    for (const e of batch) out.push(...(await filesOf(e)));
  }
}

async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return [...dt.files];
  return (await Promise.all(entries.map(filesOf))).flat();
}

/**
 * Import by drag and drop (files or folders, anywhere on the page) or with the Upload button:
 * the files go through the server's receive path (`POST /api/import`) and every file is listed
 * with its outcome — stored, replaced, duplicate, or refused with the reason and its code.
 */
export class DropUpload {
  readonly button: HTMLElement;
  private readonly overlay = h('div', { class: 'drop-overlay', hidden: true }, 'Drop DICOM files or folders to import them');
  private readonly panel = h('div', { class: 'upload-result', hidden: true, 'data-test': 'upload-result', role: 'status' });

  constructor(private readonly onStored: (r: ImportResponse) => void) {
    const input = h('input', { type: 'file', multiple: true, hidden: true, 'data-test': 'upload-input' });
    input.addEventListener('change', () => void this.upload([...(input.files ?? [])]).finally(() => (input.value = '')));
    this.button = h('span', {}, h('button', { onclick: () => input.click(), title: 'Import DICOM files (or drop them anywhere)' }, '⇪ Upload'), input);
    document.body.append(this.overlay, this.panel);
    let depth = 0;
    document.addEventListener('dragenter', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      depth++;
      this.overlay.hidden = false;
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.overlay.hidden = true;
    });
    document.addEventListener('dragover', (e) => e.preventDefault());
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      this.overlay.hidden = true;
      if (e.dataTransfer) void droppedFiles(e.dataTransfer).then((files) => this.upload(files));
    });
  }

  async upload(files: File[]): Promise<void> {
    if (!files.length) return;
    this.panel.hidden = false;
    this.panel.dataset.state = 'uploading';
    replaceChildren(this.panel, h('div', {}, `Uploading ${files.length} file${files.length === 1 ? '' : 's'}…`));
    try {
      const r = await api.upload(files);
      this.show(r);
      if (r.stored) this.onStored(r);
    } catch (e) {
      this.panel.dataset.state = 'failed';
      replaceChildren(this.panel, h('div', { class: 'error' }, `Upload failed: ${(e as Error).message}`), this.closeButton());
    }
  }

  private show(r: ImportResponse): void {
    this.panel.dataset.state = 'done';
    replaceChildren(
      this.panel,
      h('div', { class: 'row' }, h('strong', {}, `${r.stored} stored, ${r.refused} refused`), this.closeButton()),
      h(
        'ul',
        {},
        ...r.items.map((item) =>
          h(
            'li',
            { class: `upload-item ${item.status}`, 'data-test': 'upload-item', 'data-status': item.status },
            h('strong', {}, item.name),
            ` ${item.status}`,
            'reason' in item ? h('div', { class: 'reason', 'data-test': 'upload-reason' }, `${item.reason} [${item.code}]`) : null,
            'warnings' in item && item.warnings?.length ? h('div', { class: 'small muted' }, item.warnings.map((w) => w.message).join('; ')) : null,
          ),
        ),
      ),
    );
  }

  private closeButton(): HTMLElement {
    return h('button', { class: 'icon', title: 'Close', onclick: () => (this.panel.hidden = true) }, '✕');
  }
}
