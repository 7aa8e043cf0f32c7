/** A block of a generated document (conformance statement). */
export type DocBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** Render document blocks as GitHub-flavoured Markdown or as a standalone HTML page. */
export function renderDocument(blocks: readonly DocBlock[], format: 'md' | 'html', title: string): string {
  return format === 'md' ? markdown(blocks) : html(blocks, title);
}

function markdown(blocks: readonly DocBlock[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': out.push(`${'#'.repeat(b.level)} ${b.text}`); break;
      case 'paragraph': out.push(b.text); break;
      case 'list': out.push(b.items.map((i) => `- ${i}`).join('\n')); break;
      case 'table':
        out.push([
          `| ${b.header.map(cell).join(' | ')} |`,
          `|${b.header.map(() => '---').join('|')}|`,
          ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
        ].join('\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function html(blocks: readonly DocBlock[], title: string): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': out.push(`<h${b.level}>${escape(b.text)}</h${b.level}>`); break;
      case 'paragraph': out.push(`<p>${escape(b.text)}</p>`); break;
      case 'list': out.push(`<ul>\n${b.items.map((i) => `<li>${escape(i)}</li>`).join('\n')}\n</ul>`); break;
      case 'table':
        out.push([
          '<table>',
          `<thead><tr>${b.header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>`,
          '<tbody>',
          ...b.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`),
          '</tbody>',
          '</table>',
        ].join('\n'));
        break;
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escape(title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:2px 6px;text-align:left}</style></head>',
    '<body>',
    ...out,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
