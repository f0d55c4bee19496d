import type { PatientBanner } from '../../core/banner/patient-banner.js';
import { h, replaceChildren } from '../h.js';

/** The patient banner across the top of the chart. */
export class BannerView {
  constructor(private readonly root: HTMLElement) {}

  loading(patientId: string): void {
    replaceChildren(this.root, h('p', { class: 'banner__loading' }, `Reading the chart of ${patientId}…`));
  }

  error(text: string): void {
    replaceChildren(this.root, h('p', { class: 'banner__error' }, text));
  }

  show(banner: PatientBanner): void {
    const row = (label: string, value: string, key: string): HTMLElement =>
      h('div', { class: 'banner__item', 'data-banner': key }, h('dt', {}, label), h('dd', {}, value));
    replaceChildren(
      this.root,
      h('h2', { class: 'banner__name', id: 'banner-name' }, banner.name, h('span', { class: 'banner__id' }, banner.id)),
      h(
        'dl',
        { class: 'banner__facts' },
        row('Sex, age', banner.sexAndAge, 'age'),
        row('Pregnancy', banner.pregnancy, 'pregnancy'),
        row('Menopausal status', banner.menopause, 'menopause'),
        row('Last cervical screening', banner.lastScreening, 'screening'),
      ),
    );
  }
}
