// Reading the OpenAPI document: resolving references, naming types in a line ("string
// (date-time) | null", "Issue[]"), and a schema as a nested list of fields that opens on demand.
import { useState } from 'preact/hooks';
import { inline } from './markdown.jsx';

/** <details> whose content is built only once opened (the document is large). */
export function Disclosure({ summary, children, class: cls, id }) {
  const [open, setOpen] = useState(false);
  return (
    <details class={cls} id={id} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}

/** The object a local reference ("#/components/schemas/Issue") points at, and its name. */
export function resolve(doc, node) {
  let n = node;
  let name = null;
  for (let i = 0; n && n.$ref && i < 10; i++) {
    name = n.$ref.split('/').pop();
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce((x, k) => (x == null ? x : x[k.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
  }
  return { schema: n || {}, name };
}

/** [the non-null alternative, nullable?] of `X | null` written as anyOf or a type list. */
function unNull(s) {
  if (s.anyOf && s.anyOf.length === 2 && s.anyOf.some((x) => x.type === 'null')) {
    return [s.anyOf.find((x) => x.type !== 'null'), true];
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = s.type.filter((t) => t !== 'null');
    const enumValues = s.enum ? s.enum.filter((v) => v !== null) : undefined;
    return [{ ...s, type: rest.length === 1 ? rest[0] : rest, ...(enumValues ? { enum: enumValues } : {}) }, true];
  }
  return [s, false];
}

const FORMATS = { 'date-time': 'thời điểm', date: 'ngày' };

function constraints(s) {
  const out = [];
  if (s.minLength !== undefined && s.maxLength !== undefined) out.push(`${s.minLength}–${s.maxLength} ký tự`);
  else if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} ký tự`);
  if (s.minimum !== undefined && s.maximum !== undefined && s.maximum < 2147483647) out.push(`${s.minimum}–${s.maximum}`);
  else if (s.minimum !== undefined && s.minimum > 0) out.push(`≥ ${s.minimum}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${s.minItems ?? 0}–${s.maxItems ?? '…'} phần tử`);
  if (s.pattern) out.push(`mẫu ${s.pattern}`);
  if (s.default !== undefined) out.push(`mặc định ${JSON.stringify(s.default)}`);
  return out;
}

/** A one-line name of a schema's type. */
export function typeLabel(doc, node) {
  if (!node) return 'bất kỳ';
  const [s, nullable] = unNull(node);
  let label;
  if (s.$ref) {
    // A named list of values reads better as the values themselves.
    const target = resolve(doc, s);
    label = target.schema.enum && target.schema.enum.length <= 8 ? target.schema.enum.map((v) => JSON.stringify(v)).join(' | ') : target.name;
  }
  else if (s.oneOf) label = s.oneOf.map((x) => typeLabel(doc, x)).join(' hoặc ');
  else if (s.anyOf) label = s.anyOf.map((x) => typeLabel(doc, x)).join(' hoặc ');
  else if (s.const !== undefined) label = JSON.stringify(s.const);
  else if (s.enum) label = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (s.type === 'array') label = `${typeLabel(doc, s.items)}[]`;
  else if (Array.isArray(s.type)) label = s.type.join(' | ');
  else if (s.type) label = s.format && FORMATS[s.format] ? `${s.type} (${FORMATS[s.format]})` : s.type;
  else label = 'bất kỳ';
  return nullable ? `${label} | null` : label;
}

/** What a field holds when it can be opened: an object, or an array of objects. */
function inner(doc, node) {
  const [s] = unNull(node || {});
  if (s.type === 'array') return inner(doc, s.items);
  const { schema, name } = resolve(doc, s);
  if (schema.properties || schema.oneOf) return { schema, name };
  return null;
}

/** A schema as a list of its fields (nested objects open on demand, to depth 8). */
export function SchemaView({ doc, schema, depth = 0 }) {
  const { schema: s } = resolve(doc, schema);
  if (s.oneOf) {
    return (
      <div class="schema-oneof">
        <p class="muted">Một trong các dạng:</p>
        <ul class="schema-list">
          {s.oneOf.map((alt) => (
            <li>
              <Field doc={doc} name={null} node={alt} depth={depth} open={false} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (!s.properties) {
    return (
      <p class="schema-type">
        <code>{typeLabel(doc, schema)}</code>
        {s.description && <> — {inline(s.description)}</>}
      </p>
    );
  }
  const required = new Set(s.required || []);
  return (
    <ul class="schema-list">
      {s.description && depth === 0 && <li class="schema-desc">{inline(s.description)}</li>}
      {Object.entries(s.properties).map(([name, node]) => (
        <li>
          <Field doc={doc} name={name} node={node} required={required.has(name)} depth={depth} />
        </li>
      ))}
      {s.additionalProperties === false && depth === 0 && <li class="schema-note muted">Không nhận trường khác.</li>}
    </ul>
  );
}

function Field({ doc, name, node, required, depth }) {
  const [s] = unNull(node);
  const described = s.description || resolve(doc, s).schema.description;
  const more = constraints(s.$ref ? resolve(doc, s).schema : s);
  const head = (
    <>
      {name && <code class="schema-name">{name}</code>}
      {name && required && (
        <span class="schema-required" title="bắt buộc">
          *
        </span>
      )}{' '}
      <span class="schema-type">{typeLabel(doc, node)}</span>
      {more.length > 0 && <span class="schema-constraints"> · {more.join(' · ')}</span>}
      {described && <span class="schema-description"> — {inline(described)}</span>}
    </>
  );
  const nested = depth < 8 ? inner(doc, node) : null;
  if (!nested) return <div class="schema-field">{head}</div>;
  return (
    <Disclosure class="schema-field" summary={head}>
      {() => <SchemaView doc={doc} schema={nested.schema} depth={depth + 1} />}
    </Disclosure>
  );
}
