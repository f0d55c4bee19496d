import type { PatientJson } from '../../core/fhir/fhir-json.js';
import { h, replaceChildren } from '../h.js';

/** The patient list (left column): one button per patient, a filter, the current one marked. */
export class PatientListView {
  private readonly list: HTMLUListElement;
  private readonly message: HTMLElement;
  private readonly filter: HTMLInputElement;

  constructor(
    root: HTMLElement,
    private readonly onOpen: (patientId: string) => void,
  ) {
    this.filter = h('input', { id: 'patient-filter', type: 'search', autocomplete: 'off', placeholder: 'Name or id' });
    this.filter.addEventListener('input', () => this.applyFilter());
    this.message = h('p', { class: 'patient-list__message', role: 'status' }, 'Loading patients…');
    this.list = h('ul', { class: 'patient-list__items' });
    replaceChildren(
      root,
      h('h2', { id: 'patients-heading' }, 'Patients'),
      h('label', { for: 'patient-filter', class: 'patient-list__label' }, 'Filter patients'),
      this.filter,
      this.message,
      this.list,
    );
  }

  showError(text: string): void {
    replaceChildren(this.message, text);
    this.message.classList.add('patient-list__message--error');
    this.list.replaceChildren();
  }

  show(patients: PatientJson[], more: boolean, currentId: string | undefined): void {
    this.message.classList.remove('patient-list__message--error');
    const sorted = [...patients].sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
    replaceChildren(this.message, `${patients.length} patients${more ? ' (the first 100; the server has more)' : ''}`);
    replaceChildren(
      this.list,
      ...sorted.map((patient) => {
        const id = patient.id ?? '';
        const button = h(
          'button',
          { type: 'button', class: 'patient-list__button', 'data-patient-id': id },
          h('span', { class: 'patient-list__name' }, displayName(patient)),
          h('span', { class: 'patient-list__id' }, id),
        );
        button.addEventListener('click', () => this.onOpen(id));
        return h('li', { 'data-search': `${displayName(patient)} ${id}`.toLowerCase() }, button);
      }),
    );
    this.markCurrent(currentId);
    this.applyFilter();
  }

  markCurrent(patientId: string | undefined): void {
    this.list.querySelectorAll<HTMLButtonElement>('button[data-patient-id]').forEach((button) => {
      if (button.dataset['patientId'] === patientId) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    });
  }

  private applyFilter(): void {
    const term = this.filter.value.trim().toLowerCase();
    this.list.querySelectorAll<HTMLLIElement>('li').forEach((li) => {
      li.hidden = term !== '' && !(li.dataset['search'] ?? '').includes(term);
    });
  }
}

function displayName(patient: PatientJson): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || 'Unnamed patient');
}
