import { planActions } from '../core/actions/plan-actions.js';
import type { Card, FeedbackRequest, Suggestion } from '../core/hooks/cds-wire.js';
import { acceptedFeedback, overriddenFeedback } from '../core/hooks/hook-requests.js';
import type { CdsApi } from './cds-api.js';
import type { CardOrigin, ChartSession } from './chart-session.js';
import type { FhirApi } from './fhir-api.js';
import { failureText } from './http.js';
import type { OrderWorkflow } from './order-workflow.js';
import type { CardHandlers } from './views/cards-view.js';
import type { Notices } from './views/notices.js';
import { askOverride } from './views/override-dialog.js';

/**
 * What the clinician does with a card. Accept: apply the suggestion's actions (to the FHIR server, or to the
 * order pad for an order hook's drafts), send `accepted` feedback, ask again. Dismiss: ask why (one of the card's
 * override reasons, a comment), send `overridden` feedback, hide the card.
 */
export class CardActions {
  constructor(
    private readonly session: ChartSession,
    private readonly cds: CdsApi,
    private readonly fhir: FhirApi,
    private readonly notices: Notices,
    private readonly orders: OrderWorkflow,
    private readonly refreshChart: () => Promise<string>,
  ) {}

  handlers(origin: CardOrigin): CardHandlers {
    return {
      accept: (card, suggestion) => void this.accept(card, suggestion, origin),
      dismiss: (card) => void this.dismiss(card, origin),
    };
  }

  private async accept(card: Card, suggestion: Suggestion, origin: CardOrigin): Promise<void> {
    if (!this.session.patientId) {
      return;
    }
    const padReferences = origin === 'patient-view' ? undefined : this.orders.references();
    const plan = planActions(suggestion.actions ?? [], padReferences, () => this.session.newDraftId());
    if (plan.problems.length) {
      this.notices.error('action', `“${suggestion.label}” cannot be applied: ${plan.problems.join('; ')}`);
      return;
    }
    const done: string[] = [];
    try {
      for (const request of plan.fhir) {
        const result = await this.fhir.apply(request);
        done.push(
          request.method === 'POST' && result?.id
            ? `${result.resourceType}/${result.id} created`
            : `${request.method} ${request.path} done`,
        );
      }
    } catch (error) {
      this.notices.error(
        'action',
        `“${suggestion.label}” was not applied${done.length ? ` completely (${done.join(', ')})` : ''}: ${failureText(error)}`,
      );
      if (done.length) {
        await this.refreshChart();
      }
      return;
    }
    this.notices.error('action', undefined);
    const feedback = await this.sendFeedback(origin, acceptedFeedback(card, suggestion, this.session.now()));
    // Ask again where something changed: the chart's cards after a FHIR write, order-select after a pad change.
    const refreshed = await Promise.all([
      plan.fhir.length > 0 || origin === 'patient-view' ? this.refreshChart() : '',
      plan.pad.length > 0 ? this.orders.applyChanges(plan.pad) : '',
    ]);
    const what = done.length ? `: ${done.join(', ')}` : '';
    const padNote = plan.pad.length ? ' The order pad was updated.' : '';
    this.notices.status(`Accepted “${suggestion.label}”${what}.${padNote} ${feedback} ${refreshed.join(' ')}`.trim());
  }

  private async dismiss(card: Card, origin: CardOrigin): Promise<void> {
    const choice = await askOverride(card);
    if (!choice) {
      return;
    }
    const service = this.session.serviceFor(origin);
    const body = overriddenFeedback(card, this.session.now(), choice.reason, choice.comment);
    if (service && body) {
      try {
        await this.cds.feedback(service.id, body);
      } catch (error) {
        this.notices.error('action', `The card was not dismissed: its feedback was not recorded. ${failureText(error)}`);
        return;
      }
    }
    this.notices.error('action', undefined);
    this.session.dismiss(origin, card);
    document.querySelectorAll<HTMLElement>('[data-card-uuid]').forEach((element) => {
      if (element.dataset['cardUuid'] === card.uuid) {
        element.remove();
      }
    });
    const why = choice.reason?.display ?? choice.reason?.code ?? 'no reason given';
    this.notices.status(
      `Dismissed “${card.summary}” (${why}). ${body && service ? 'Overridden feedback sent.' : 'No feedback sent: the card has no uuid.'}`,
    );
  }

  /** @returns a sentence for the status line; a failure is also reported as an error. */
  private async sendFeedback(origin: CardOrigin, body: FeedbackRequest | undefined): Promise<string> {
    const service = this.session.serviceFor(origin);
    if (!body || !service) {
      return 'No feedback sent: the card or suggestion has no uuid.';
    }
    try {
      await this.cds.feedback(service.id, body);
      return 'Accepted feedback sent.';
    } catch (error) {
      this.notices.error('action', `The accepted feedback was not recorded. ${failureText(error)}`);
      return '';
    }
  }
}
