// Tabs choosing the kind of unit (WAI-ARIA tabs: arrow keys, Home and End move between them).
import { useRef } from 'preact/hooks';
import { KINDS } from './kinds.js';

export function KindTabs({ selected, onSelect, panelId }) {
  const listRef = useRef(null);

  function onKeyDown(event) {
    const index = KINDS.findIndex((k) => k.id === selected);
    const moves = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: KINDS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + KINDS.length) % KINDS.length;
    onSelect(KINDS[next].id);
    const buttons = listRef.current && listRef.current.querySelectorAll('[role="tab"]');
    if (buttons) buttons[next].focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label="Loại đơn vị" ref={listRef} onKeyDown={onKeyDown}>
      {KINDS.map((kind) => {
        const active = kind.id === selected;
        return (
          <button
            key={kind.id}
            type="button"
            role="tab"
            id={`tab-${kind.id}`}
            class="tab"
            aria-selected={active ? 'true' : 'false'}
            aria-controls={panelId}
            tabIndex={active ? 0 : -1}
            onClick={() => onSelect(kind.id)}
          >
            {kind.tab}
          </button>
        );
      })}
    </div>
  );
}
