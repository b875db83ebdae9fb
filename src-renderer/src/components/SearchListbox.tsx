/**
 * The list under a type-ahead search box (the item search at 收费, the diagnosis at 就诊信息): a light keyboard
 * listbox in place of antd's AutoComplete, which on every keystroke aligned its popup to the box (reading the
 * layout of every scrolling ancestor) and measured each row of its virtual list: most of a keystroke's time in
 * the till's traces (issue 17). The list sits in the box's own wrapper (no portal, nothing to align), opens on the
 * hits for the text while the box has the cursor, and behaves as the dropdown did: the first row highlighted,
 * ↑ ↓ move, Esc shuts it (and is used: the screen's Esc waits), the mouse highlights and picks. In a search, Enter
 * is type-ahead.ts's (it takes the highlighted row, reported through `onActive`); in a pick list (挂号's department
 * and doctor, `enterPicks`) Enter takes the highlighted row here, and a field already holding a whole pick
 * (`settled`) keeps its list shut until typed in or ↓, so that Enter goes on to the form. ARIA: a combobox owning
 * a listbox.
 */
import { useId, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

/** What the box's input gets from the list: its ARIA state and the keys and focus the list follows. */
export interface ListboxInputProps {
  role: 'combobox';
  'aria-expanded': boolean;
  'aria-controls': string;
  'aria-autocomplete': 'list';
  'aria-activedescendant'?: string;
}

export function useSearchListbox<H>({
  hits,
  keyOf,
  text,
  onActive,
  onPick,
  enterPicks = false,
  settled = false,
}: {
  hits: readonly H[];
  keyOf(hit: H): string;
  /** The text in the box: typing reopens a list shut by Esc. */
  text: string;
  /** The row ↑ ↓ or the mouse highlighted (Enter takes it). */
  onActive?(key: string): void;
  /** A row clicked (or, with `enterPicks`, taken by Enter). */
  onPick(hit: H): void;
  /** Enter on the open list takes the highlighted row (and is used: the form does not submit). */
  enterPicks?: boolean;
  /** The text is a whole pick already: the list opens only when ↓ asks for it. */
  settled?: boolean;
}): {
  inputProps: ListboxInputProps;
  /** For the element around the box and its list (position: relative; app.css `.search-box`). */
  wrapperProps: {
    className: string;
    onKeyDown(event: KeyboardEvent): void;
    onFocus(): void;
    onBlur(event: FocusEvent): void;
  };
  /** The list (null while shut); `render` draws one row's content. */
  list(render: (hit: H) => ReactNode, options?: { minWidth?: number; optionTestId?: string }): ReactNode;
} {
  const id = useId();
  const [focused, setFocused] = useState(false);
  const [shutFor, setShutFor] = useState<string | null>(null);
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // A new list highlights its first row again (set while rendering: no extra frame).
  const [listOf, setListOf] = useState(hits);
  if (listOf !== hits) {
    setListOf(hits);
    setActive(0);
  }
  const open = focused && hits.length > 0 && shutFor !== text && (!settled || askedFor === text);
  const optionId = (i: number) => `${id}-option-${i}`;
  const highlight = (i: number) => {
    const hit = hits[i];
    if (hit === undefined) return;
    setActive(i);
    onActive?.(keyOf(hit));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      if (!open) return;
      // Used here: the screen's own Esc (next customer, back) waits for the next one (keyboard.ts).
      event.preventDefault();
      setShutFor(text);
      return;
    }
    if (event.key === 'Enter') {
      const hit = hits[active];
      if (!enterPicks || !open || hit === undefined) return;
      event.preventDefault();
      onPick(hit);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (!open) {
      if (hits.length > 0 && focused) {
        event.preventDefault();
        setShutFor(null);
        setAskedFor(text);
      }
      return;
    }
    event.preventDefault();
    const n = hits.length;
    const next = event.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n;
    highlight(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };

  return {
    inputProps: {
      role: 'combobox',
      'aria-expanded': open,
      'aria-controls': `${id}-list`,
      'aria-autocomplete': 'list',
      ...(open ? { 'aria-activedescendant': optionId(active) } : {}),
    },
    wrapperProps: {
      className: 'search-box',
      onKeyDown,
      onFocus: () => setFocused(true),
      onBlur: (event) => {
        // Still inside (the clear button, a row): the list stays.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      },
    },
    list: (render, options = {}) =>
      open ? (
        <div
          id={`${id}-list`}
          role="listbox"
          className="search-list"
          style={options.minWidth ? { minWidth: options.minWidth } : undefined}
          // The box keeps the cursor when a row is clicked.
          onMouseDown={(event) => event.preventDefault()}
        >
          {hits.map((hit, i) => (
            <div
              key={keyOf(hit)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-option search-option-active' : 'search-option'}
              data-testid={options.optionTestId}
              onMouseEnter={() => i !== active && highlight(i)}
              onClick={() => onPick(hit)}
            >
              {render(hit)}
            </div>
          ))}
        </div>
      ) : null,
  };
}
