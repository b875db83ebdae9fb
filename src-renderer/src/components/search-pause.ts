/**
 * How long the item search waits after a keystroke before asking. Against the center each search is a 1312
 * call, so it waits for a pause in typing; the local catalogue answers every keystroke at once.
 *
 * Whether the answers are local is known from the last answer in this window (kept across boxes: each
 * customer's 收费 screen has a new box). Before the first answer it is read from whether the local catalogue
 * holds items (the fill status asked at load): without that the day's first letter waited the center's pause
 * with the catalogue synced (issue 17: 350 ms on the first customer's first keystroke).
 */
/** Pause in typing before a search goes to the center. */
export const CENTER_PAUSE_MS = 350;
/** The source name of the local catalogue's answers (src-main/counter/local-item-search.ts). */
const LOCAL_SOURCE = '本地目录';

export class SearchPause {
  /** Whether the last answer came from the local catalogue (null before the first). */
  private local: boolean | null = null;

  constructor(private readonly localCatalogueHolds: () => boolean) {}

  ms(): number {
    return (this.local ?? this.localCatalogueHolds()) ? 0 : CENTER_PAUSE_MS;
  }

  /** An answer came, from this source (本地目录, 本地目录 (下载中), or the center). */
  answered(source: string): void {
    this.local = source.startsWith(LOCAL_SOURCE);
  }
}
