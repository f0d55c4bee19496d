import { Injectable, Logger } from '@nestjs/common';
import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';

/**
 * Default sink: one log line per entry with the card uuid and the outcome. Deliberately not the override
 * comment (free text a clinician typed may hold PHI) nor anything else from the entry.
 */
@Injectable()
export class LoggingFeedbackSink extends FeedbackSink {
  private readonly logger = new Logger('CdsHooksFeedback');

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    for (const entry of entries) {
      this.logger.log(`feedback service=${serviceId} card=${entry.card} outcome=${entry.outcome}`);
    }
  }
}
