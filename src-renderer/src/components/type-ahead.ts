/**
 * A search that answers as the cashier types (the item search at 收费, the diagnosis at 就诊信息), with an
 * Enter that is never lost or misread. A cashier who knows the letters types them and Enter without
 * looking: that Enter can come before the list for the text on screen (still in the pause before asking,
 * or the answer on its way), when the dropdown is closed (Enter did nothing) or still shows the list of
 * fewer letters (Enter took one of those). Such an Enter is held here and takes the first hit of the list
 * for that text as soon as it comes; typing on drops it. An Enter on the list for the text takes the
 * option highlighted there (the first, or the one ↑ ↓ moved to).
 *
 * The element around the box and its list (SearchListbox.tsx) gets `onKeyDownCapture`, so the held Enter never reaches the
 * dropdown, and `data-answered`: the query the list on screen answers (what bench/till.ts waits for).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** How long a search may take before the box says 查询中…. */
const SEARCHING_NOTE_AFTER_MS = 150;

export interface TypeAheadOptions<R, H> {
  /** Asks for the hits of one query. */
  search(query: string): Promise<R>;
  hitsOf(answer: R): readonly H[];
  /** The option value of a hit (what the dropdown reports as highlighted). */
  keyOf(hit: H): string;
  /** Pause in typing before asking (0 for a local search: every keystroke is answered). */
  pauseMs(): number;
  /** A held Enter took this hit: the component does what its dropdown's select does, and answers the text it leaves in the box. */
  onPick(hit: H): string;
  /** The answer for the text on screen (older answers are dropped). */
  onAnswer?(query: string, answer: R): void;
  onError?(error: unknown): void;
}

export interface TypeAhead<H> {
  hits: readonly H[];
  /** The query the hits answer ('' before any answer). */
  answered: string;
  searching: boolean;
  /** For the element around the box and its list. */
  onKeyDownCapture(event: KeyboardEvent): void;
  /** For the list: the option ↑ ↓ (or the mouse) highlighted. */
  onActive(value: string): void;
}

export function useTypeAhead<R, H>(text: string, options: TypeAheadOptions<R, H>): TypeAhead<H> {
  const [hits, setHits] = useState<readonly H[]>([]);
  const [answered, setAnswered] = useState('');
  const [searching, setSearching] = useState(false);
  const latest = useRef(options);
  latest.current = options;
  const serial = useRef(0);
  const query = text.trim();
  // The key handler reads these before React renders again.
  const current = useRef(query);
  current.current = query;
  /**
   * The last answer, as it arrived (the screen shows it a frame later; an Enter in between is for it), and the
   * option the dropdown highlights in it (reported after it renders; until then the first).
   */
  const arrived = useRef<{ query: string; hits: readonly H[] }>({ query: '', hits: [] });
  const active = useRef<string | null>(null);
  const showAnswer = (q: string, found: readonly H[]): void => {
    arrived.current = { query: q, hits: found };
    active.current = null;
    setHits(found);
    setAnswered(q);
  };
  /** The text an Enter was pressed on before its list came. */
  const heldEnter = useRef<string | null>(null);
  /** The text a held Enter's pick left in the box: no list for it (the dropdown stays shut, the next Enter goes on). */
  const picked = useRef<string | null>(null);

  useEffect(() => {
    const quiet = picked.current === query;
    picked.current = null;
    if (heldEnter.current !== null && heldEnter.current !== query) heldEnter.current = null;
    if (quiet) return;
    if (query === '') {
      serial.current++;
      showAnswer('', []);
      setSearching(false);
      return;
    }
    const mine = ++serial.current;
    let slow: ReturnType<typeof setTimeout> | undefined;
    const ask = (): void => {
      // Said only for an answer that is slow to come (the center): a local answer comes within a frame or two,
      // and the note on and off again would draw the box twice more per keystroke.
      slow = setTimeout(() => mine === serial.current && setSearching(true), SEARCHING_NOTE_AFTER_MS);
      latest.current
        .search(query)
        .then((answer) => {
          if (mine !== serial.current) return;
          const found = latest.current.hitsOf(answer);
          latest.current.onAnswer?.(query, answer);
          // A held Enter is answered either way: by the first hit, or by the list saying there is none.
          const held = heldEnter.current === query;
          if (held) heldEnter.current = null;
          const first = found[0];
          if (held && first !== undefined) return take(first);
          showAnswer(query, found);
        })
        .catch((error: unknown) => {
          if (mine !== serial.current) return;
          heldEnter.current = null;
          // Answered, if only by the error: the next Enter goes on (a form takes a code typed by hand).
          showAnswer(query, []);
          latest.current.onError?.(error);
        })
        .finally(() => {
          clearTimeout(slow);
          if (mine === serial.current) setSearching(false);
        });
    };
    // A local search is asked at once: a timer of 0 ms is still a task later, and a keystroke's list waits for it.
    const pause = latest.current.pauseMs();
    const timer = pause > 0 ? setTimeout(ask, pause) : undefined;
    if (pause <= 0) ask();
    return () => {
      clearTimeout(timer);
      clearTimeout(slow);
    };
  }, [query]);

  /** Takes a hit as the dropdown's select would, and shuts the list (none for the text the pick leaves). */
  function take(hit: H): void {
    const left = latest.current.onPick(hit).trim();
    picked.current = left;
    serial.current++;
    showAnswer(left, []);
  }

  // Enter on typed text is taken here, never by the dropdown: it may not have opened on a list that has just
  // come (Enter then did nothing), or still show the list of fewer letters.
  const onKeyDownCapture = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const q = current.current;
    if (q === '') return;
    if (arrived.current.query === q) {
      const list = arrived.current.hits;
      // No hits for this text: Enter goes on (a form takes a code typed by hand).
      if (list.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      take(list.find((h) => latest.current.keyOf(h) === active.current) ?? (list[0] as H));
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    heldEnter.current = q;
  };
  const onActive = (value: string): void => {
    active.current = value;
  };

  return { hits, answered, searching, onKeyDownCapture, onActive };
}
