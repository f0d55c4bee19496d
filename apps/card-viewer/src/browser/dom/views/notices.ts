import { h, replaceChildren } from '../h.js';

/** Where a problem came from; one message per source, replaced when the source speaks again. */
export type NoticeSource = 'config' | 'patients' | 'discovery' | 'banner' | 'patient-view' | 'action' | 'orders';

/**
 * The page's two live regions: errors (role=alert, read out at once) and progress/results (role=status).
 */
export class Notices {
  private readonly errors = new Map<NoticeSource, string>();

  constructor(
    private readonly alertRegion: HTMLElement,
    private readonly statusRegion: HTMLElement,
  ) {}

  error(source: NoticeSource, text: string | undefined): void {
    if (text === undefined) {
      this.errors.delete(source);
    } else {
      this.errors.set(source, text);
    }
    replaceChildren(this.alertRegion, ...[...this.errors.values()].map((message) => h('p', { class: 'notice notice--error' }, message)));
    this.alertRegion.hidden = this.errors.size === 0;
  }

  status(text: string): void {
    replaceChildren(this.statusRegion, text);
  }
}
