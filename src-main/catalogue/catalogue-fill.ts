/**
 * The first fill of an empty local catalogue (issue 17 point 6). A new counter has no local
 * catalogue, so every search keystroke would be a catalogue query (1312) at the center. At the
 * first sign-in the whole catalogue sync (sync.ts) starts in the background; the cashier sees its
 * progress and may start it again by hand after a failure. While it fills, searches answer from
 * what has arrived (the drug file 1301 comes first) and ask the center only when that finds
 * nothing.
 *
 * "Filled" is read from the sync state, so it survives a restart: the dictionaries (the last step
 * of a sync) were synced, no paged pass is open, and fee items are held.
 */
import { formatDateTime } from '../core/time';
import type { RegionProfile } from '../registry/profile';
import { catalogueTitle, DICTIONARY_INFNO } from './catalogues';
import type { CataloguePort } from './center-port';
import type { LocalCatalogue } from './local-catalogue';
import { syncCatalogue, type SyncProgress } from './sync';
import type { CatalogueFillView, FillState } from '../counter/views';

export type { CatalogueFillView } from '../counter/views';

export class CatalogueFill {
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private view: CatalogueFillView;
  private heldItems = 0;

  constructor(
    private readonly local: LocalCatalogue,
    private readonly profile: RegionProfile,
    /** Catalogues whose rows are fee items (what the search needs first). */
    private readonly feeCatalogues: readonly string[],
    private readonly publish: (view: CatalogueFillView) => void,
  ) {
    const filled = this.isFilled();
    const items = this.recount();
    this.view = this.viewOf(filled ? 'filled' : 'empty', 0, 0, filled ? `本地目录已下载, 共 ${items} 条` : '本地目录尚未下载');
  }

  status(): CatalogueFillView {
    return this.view;
  }

  get filling(): boolean {
    return this.running !== null;
  }

  /** The sync finished once (dictionaries synced after the items, no pass half done) and fee items are held. */
  isFilled(): boolean {
    const states = this.local.state.all();
    if (states.some((s) => s.passOpen)) return false;
    if (this.local.state.get(DICTIONARY_INFNO).lastSyncedAt === null) return false;
    return this.feeCatalogues.some((c) => this.local.items.count(c) > 0);
  }

  /** At sign-in: fills the catalogue when it was never filled (or a fill was cut off). */
  startIfEmpty(port: CataloguePort): boolean {
    if (this.running || this.isFilled()) return false;
    this.start(port);
    return true;
  }

  /** Starts (or resumes) the sync in the background; a second call while it runs does nothing. */
  start(port: CataloguePort): CatalogueFillView {
    if (this.running) return this.view;
    this.recount();
    this.set(this.viewOf('filling', 0, 0, '正在准备下载目录'));
    const abort = new AbortController();
    this.abort = abort;
    const onProgress = (p: SyncProgress): void => this.onProgress(p);
    this.running = syncCatalogue(this.local, port, this.profile, { onProgress, signal: abort.signal })
      .then((report) => {
        const skipped = report.steps.filter((s) => s.refused).length;
        const text = `本地目录已下载, 共 ${this.recount()} 条` + (skipped > 0 ? ` (中心未提供 ${skipped} 类)` : '');
        this.set(this.viewOf('filled', report.steps.length, report.steps.length, text));
      })
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        this.set(
          this.viewOf(
            'failed',
            this.view.stepsDone,
            this.view.steps,
            `目录下载中断: ${why}。已下载的部分可以查找; 到「设置」按「继续下载目录」从中断处继续`,
          ),
        );
      })
      .finally(() => {
        this.running = null;
        this.abort = null;
      });
    return this.view;
  }

  /** Resolves when the fill in progress ends (at once when none runs). */
  async settled(): Promise<void> {
    await this.running;
  }

  /**
   * Stops a fill in progress at its next step (the counter is closing or reopening on new settings, which must
   * not wait a minute for the download); what arrived stays, and the next fill resumes where this one stopped.
   */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  private onProgress(p: SyncProgress): void {
    const { stepsDone, steps } = this.view;
    switch (p.kind) {
      case 'step':
        this.set(this.viewOf('filling', p.index, p.steps, `正在下载 ${catalogueTitle(p.step.infno)}`));
        break;
      case 'file':
        this.set(this.viewOf('filling', stepsDone, steps, `正在导入 ${catalogueTitle(p.infno)}: ${p.rows} / ${p.dataCnt} 条`));
        break;
      case 'page':
        this.set(
          this.viewOf(
            'filling',
            stepsDone,
            steps,
            `正在下载 ${catalogueTitle(p.infno)}: ${p.rows}${p.total === null ? '' : ` / ${p.total}`} 条`,
          ),
        );
        break;
      case 'dictionary':
        this.set(this.viewOf('filling', stepsDone, steps, `正在下载字典: ${p.done} / ${p.of} 类`));
        break;
      case 'done':
        // The only count during a fill: once per step, when its rows are in.
        this.recount();
        this.set(this.viewOf('filling', stepsDone + 1, steps, this.view.text));
        break;
    }
  }

  /** The view with the items last counted: a count per progress report would slow the import (recount()). */
  private viewOf(state: FillState, stepsDone: number, steps: number, text: string): CatalogueFillView {
    return { state, stepsDone, steps, text, items: this.heldItems, at: formatDateTime(new Date()) };
  }

  /** Counts the local items (at the start, at the end of each step and of the fill only). */
  private recount(): number {
    try {
      this.heldItems = this.local.items.count();
    } catch {
      this.heldItems = 0;
    }
    return this.heldItems;
  }

  private set(view: CatalogueFillView): void {
    this.view = view;
    this.publish(view);
  }
}
