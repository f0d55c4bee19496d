import { patientBanner } from '../core/banner/patient-banner.js';
import { findViewerServices } from '../core/hooks/discovery.js';
import { heldBackCards } from '../core/hooks/held-back-cards.js';
import { patientViewRequest } from '../core/hooks/hook-requests.js';
import { hashForPatient, patientIdFromHash } from '../core/util/location-hash.js';
import type { ViewerConfig } from '../core/viewer-config.js';
import { CardActions } from './card-actions.js';
import type { CdsApi } from './cds-api.js';
import { ChartSession, countCards, emptyText } from './chart-session.js';
import type { FhirApi } from './fhir-api.js';
import { h, replaceChildren } from './h.js';
import { failureText } from './http.js';
import { OrderWorkflow } from './order-workflow.js';
import { BannerView } from './views/banner-view.js';
import { renderCards } from './views/cards-view.js';
import { renderHeldBack } from './views/held-back-view.js';
import { Notices } from './views/notices.js';
import { PatientListView } from './views/patient-list-view.js';

export interface ViewerElements {
  connection: HTMLElement;
  alerts: HTMLElement;
  status: HTMLElement;
  patients: HTMLElement;
  banner: HTMLElement;
  cards: HTMLElement;
  orderPad: HTMLElement;
}

/**
 * The chart, as an EHR shows it: discovery and the patient list at start; opening a patient shows the banner
 * and fires patient-view. What is done with cards is CardActions'; the order pad is OrderWorkflow's.
 */
export class ViewerApp {
  private readonly session: ChartSession;
  private readonly notices: Notices;
  private readonly patientList: PatientListView;
  private readonly banner: BannerView;
  private readonly orders: OrderWorkflow;
  private readonly actions: CardActions;

  constructor(
    private readonly config: ViewerConfig,
    private readonly fhir: FhirApi,
    private readonly cds: CdsApi,
    private readonly elements: ViewerElements,
    randomBytes: () => Uint8Array,
    now: () => Date = () => new Date(),
  ) {
    this.session = new ChartSession(config, randomBytes, now);
    this.notices = new Notices(elements.alerts, elements.status);
    this.patientList = new PatientListView(elements.patients, (id) => void this.openPatient(id));
    this.banner = new BannerView(elements.banner);
    const refreshChart = (): Promise<string> => this.firePatientView();
    // The pad shows cards whose handlers are the card actions', and the card actions change the pad.
    this.orders = new OrderWorkflow(
      elements.orderPad,
      this.session,
      cds,
      fhir,
      this.notices,
      (origin) => this.actions.handlers(origin),
      refreshChart,
    );
    this.actions = new CardActions(this.session, cds, fhir, this.notices, this.orders, refreshChart);
  }

  async start(): Promise<void> {
    replaceChildren(
      this.elements.connection,
      `FHIR server: ${this.config.fhirBaseUrl} · CDS service: ${this.config.cdsBaseUrl} · hook calls ${this.config.signedCalls ? 'signed (JWT)' : 'unsigned'}`,
    );
    await Promise.all([this.loadDiscovery(), this.loadPatients()]);
    window.addEventListener('hashchange', () => {
      const id = patientIdFromHash(location.hash);
      if (id && id !== this.session.patientId) {
        void this.openPatient(id);
      }
    });
    const fromHash = patientIdFromHash(location.hash);
    if (fromHash) {
      await this.openPatient(fromHash);
    }
  }

  async openPatient(patientId: string): Promise<void> {
    const generation = this.session.open(patientId);
    if (patientIdFromHash(location.hash) !== patientId) {
      history.replaceState(null, '', hashForPatient(patientId));
    }
    this.patientList.markCurrent(patientId);
    this.orders.reset(patientId);
    this.notices.error('action', undefined);
    this.notices.error('orders', undefined);
    this.banner.loading(patientId);
    this.notices.status(`Opening ${patientId}…`);
    const [, outcome] = await Promise.all([this.loadBanner(patientId, generation), this.firePatientView()]);
    if (this.session.isCurrent(generation)) {
      this.notices.status(`${patientId}: ${outcome}`);
    }
  }

  private async loadDiscovery(): Promise<void> {
    try {
      this.session.services = findViewerServices(await this.cds.discovery());
      this.session.discoveryError = undefined;
      const noPatientView = 'The CDS service offers no patient-view service: there will be no cards when a chart is opened.';
      this.notices.error('discovery', this.session.services.patientView ? undefined : noPatientView);
    } catch (error) {
      this.session.services = {};
      this.session.discoveryError = failureText(error);
      this.notices.error('discovery', this.session.discoveryError);
    }
    this.orders.announceAvailability();
  }

  private async loadPatients(): Promise<void> {
    try {
      const { patients, more } = await this.fhir.listPatients();
      this.patientList.show(patients, more, this.session.patientId);
      this.notices.error('patients', undefined);
    } catch (error) {
      this.patientList.showError(failureText(error));
      this.notices.error('patients', failureText(error));
    }
  }

  private async loadBanner(patientId: string, generation: number): Promise<void> {
    try {
      const [patient, resources] = await Promise.all([this.fhir.readPatient(patientId), this.fhir.chartResources(patientId)]);
      if (this.session.isCurrent(generation)) {
        this.banner.show(patientBanner(patient, resources, this.session.now()));
      }
    } catch (error) {
      if (this.session.isCurrent(generation)) {
        this.banner.error(`The chart of ${patientId} could not be read. ${failureText(error)}`);
      }
    }
  }

  /** @returns a few words on the outcome, for the status line of whatever the user did. */
  private async firePatientView(): Promise<string> {
    const { patientId, generation } = this.session;
    const target = this.elements.cards;
    const service = this.session.services.patientView;
    if (!patientId) {
      return '';
    }
    if (!service) {
      replaceChildren(
        target,
        h('p', { class: 'cards__error' }, `No cards: ${this.session.discoveryError ?? 'the CDS service offers no patient-view service.'}`),
      );
      return 'No patient-view service.';
    }
    target.setAttribute('aria-busy', 'true');
    replaceChildren(target, h('p', { class: 'cards__loading' }, 'Asking the CDS service (patient-view)…'));
    try {
      const response = await this.cds.call(service.id, patientViewRequest(this.session.basis(patientId)));
      if (this.session.isCurrent(generation)) {
        const shown = this.session.visible(response.cards, 'patient-view');
        const none = 'No cards: the CDS service has no advice for this patient.';
        replaceChildren(
          target,
          renderCards(shown, this.actions.handlers('patient-view'), 'patient-view', emptyText(response.cards.length, none)),
        );
        const heldBack = heldBackCards(response.extension);
        if (heldBack.length > 0) {
          target.appendChild(renderHeldBack(heldBack));
        }
      }
      return `patient-view: ${countCards(response.cards.length)}.`;
    } catch (error) {
      if (this.session.isCurrent(generation)) {
        replaceChildren(target, h('p', { class: 'cards__error' }, failureText(error)));
      }
      return 'patient-view failed.';
    } finally {
      if (this.session.isCurrent(generation)) {
        target.removeAttribute('aria-busy');
      }
    }
  }
}
