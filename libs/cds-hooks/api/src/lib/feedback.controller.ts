import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';
import { CdsRateLimitGuard } from './cds-rate-limit.guard';
import { CdsServiceRegistry } from './cds-service.registry';
import { deadlineExceeded } from './deadline-exceeded';
import { FeedbackRecorder } from './feedback-recorder.service';
import { JsonContentTypeGuard } from './json-content-type.guard';
import { OperationOutcomeException } from './operation-outcome.exception';
import { runWithDeadline } from './run-with-deadline';
import { validateFeedbackRequest } from './validate-feedback-request';

/** `{baseUrl}/cds-services/{id}/feedback` (CDS Hooks 2.0 §Feedback). */
@Controller('cds-services')
@UseGuards(CdsRateLimitGuard)
export class FeedbackController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs the classes at run time).
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
    @Inject(FeedbackRecorder) private readonly recorder: FeedbackRecorder,
    @Inject(CDS_HOOKS_RUNTIME_OPTIONS) private readonly options: CdsHooksRuntimeOptions,
  ) {}

  /** 200 with an empty JSON object: the spec defines no body, and `{}` keeps "responses are JSON" true. */
  @Post(':id/feedback')
  @HttpCode(200)
  @UseGuards(JsonContentTypeGuard)
  async feedback(@Param('id') id: string, @Body() body: unknown): Promise<Record<string, never>> {
    this.registry.get(id);
    const validation = validateFeedbackRequest(body);
    if (!validation.ok) {
      throw OperationOutcomeException.badRequest(validation.problem);
    }
    // A stuck sink (a database that does not answer) must not hold the client: same deadline as a hook call.
    await runWithDeadline(
      this.options.hookDeadlineMs,
      (signal) => this.recorder.record(id, validation.value.feedback, signal),
      deadlineExceeded,
    );
    return {};
  }
}
