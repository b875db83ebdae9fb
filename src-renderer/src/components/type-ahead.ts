/**
 * A search that answers as the cashier types (the item search at 收费, the diagnosis at 就诊信息), with an
 * Enter that is never lost or misread. A cashier who knows the letters types them and Enter without
 * looking: that Enter can come before the list for the text on screen (still in the pause before asking,
 * or the answer on its way), when the dropdown is closed (Enter did nothing) or still shows the list of
 * fewer letters (Enter took one of those). Such an Enter is held here and takes the first hit of the list
 * for that text as soon as it comes; typing on drops it. An Enter on a list that answers the text goes to
 * the dropdown as before (↑ ↓ choose there).
 *
 * The element around the AutoComplete gets `onKeyDownCapture`, so the held Enter never reaches the
 * dropdown, and `data-answered`: the query the list on screen answers (what bench/till.ts waits for).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface TypeAheadOptions<R, H> {
  /** Asks for the hits of one query. */
  search(query: string): Promise<R>;
  hitsOf(answer: R): readonly H[];
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
  /** For the element around the AutoComplete. */
  onKeyDownCapture(event: KeyboardEvent): void;
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
  /** What the list on screen answers, once it is on screen. */
  const shown = useRef('');
  useEffect(() => {
    shown.current = answered;
  }, [answered]);
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
      setHits([]);
      setAnswered('');
      return;
    }
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      setSearching(true);
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
          if (held && first !== undefined) {
            const left = latest.current.onPick(first).trim();
            picked.current = left;
            setHits([]);
            setAnswered(left);
            return;
          }
          setHits(found);
          setAnswered(query);
        })
        .catch((error: unknown) => {
          if (mine !== serial.current) return;
          heldEnter.current = null;
          setHits([]);
          latest.current.onError?.(error);
        })
        .finally(() => mine === serial.current && setSearching(false));
    }, latest.current.pauseMs());
    return () => clearTimeout(timer);
  }, [query]);

  const onKeyDownCapture = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const q = current.current;
    if (q === '' || shown.current === q) return;
    event.preventDefault();
    event.stopPropagation();
    heldEnter.current = q;
  };

  return { hits, answered, searching, onKeyDownCapture };
}
