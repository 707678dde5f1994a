// A small Markdown reader for the API descriptions and the analysts' guide (docs/huong-dan-api.md):
// headings, paragraphs, lists, fenced code, tables, `code`, **bold**, *emphasis* and links.
// It builds elements (never HTML strings), so nothing in a document can inject markup; links
// go only to http(s) addresses or paths of this site.

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\[[^\]]+\]\([^)\s]+\))|(\*[^*\s][^*]*\*)/g;

function safeHref(href) {
  return /^(https?:\/\/|\/)/.test(href) ? href : null;
}

/** Inline Markdown of one line or paragraph, as an array of strings and elements. */
export function inline(text) {
  const out = [];
  let last = 0;
  for (const m of String(text).matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const s = m[0];
    if (m[1]) out.push(<code>{s.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong>{inline(s.slice(2, -2))}</strong>);
    else if (m[3]) {
      const [, label, href] = s.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/);
      const to = safeHref(href);
      out.push(to ? <a href={to}>{inline(label)}</a> : <>{inline(label)}</>);
    } else out.push(<em>{inline(s.slice(1, -1))}</em>);
    last = m.index + s.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** Block Markdown as elements. `headingOffset` shifts heading levels (# → h2 when 1). */
export function Markdown({ text, headingOffset = 0, class: cls }) {
  const lines = String(text ?? '').replace(/\r\n/g, '\n').split('\n');
  const blocks = [];
  let i = 0;
  let para = [];
  const flush = () => {
    if (para.length) blocks.push(<p>{inline(para.join(' '))}</p>);
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.match(/^```(\w*)\s*$/);
    if (fence) {
      flush();
      const code = [];
      for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) code.push(lines[i]);
      i += 1;
      blocks.push(
        <pre class="md-code" tabIndex={0}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1].length + headingOffset);
      const Tag = `h${level}`;
      blocks.push(<Tag class={`md-h md-h${level}`}>{inline(heading[2])}</Tag>);
      i += 1;
      continue;
    }
    if (/^\s*\|/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      flush();
      const head = cells(line);
      const rows = [];
      for (i += 2; i < lines.length && /^\s*\|/.test(lines[i]); i += 1) rows.push(cells(lines[i]));
      blocks.push(
        <div class="md-table" tabIndex={0}>
          <table>
            <thead>
              <tr>{head.map((c) => <th scope="col">{inline(c)}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r) => <tr>{r.map((c) => <td>{inline(c)}</td>)}</tr>)}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    const item = line.match(/^(\s*)(-|\d+\.)\s+(.*)$/);
    if (item) {
      flush();
      const ordered = item[2] !== '-';
      const items = [];
      while (i < lines.length) {
        const m = lines[i].match(/^(\s*)(-|\d+\.)\s+(.*)$/);
        if (m && (m[2] !== '-') === ordered) {
          items.push([m[3]]);
          i += 1;
        } else if (items.length && /^\s{2,}\S/.test(lines[i])) {
          items[items.length - 1].push(lines[i].trim());
          i += 1;
        } else break;
      }
      const List = ordered ? 'ol' : 'ul';
      blocks.push(<List class="md-list">{items.map((it) => <li>{inline(it.join(' '))}</li>)}</List>);
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line.trim());
    i += 1;
  }
  flush();
  return <div class={cls ? `md ${cls}` : 'md'}>{blocks}</div>;
}
