import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { CdsServiceRegistry } from './cds-service.registry';
import { FeedbackRecorder } from './feedback-recorder.service';
import { JsonContentTypeGuard } from './json-content-type.guard';
import { OperationOutcomeException } from './operation-outcome.exception';
import { validateFeedbackRequest } from './validate-feedback-request';

/** `{baseUrl}/cds-services/{id}/feedback` (CDS Hooks 2.0 §Feedback). */
@Controller('cds-services')
export class FeedbackController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs the classes at run time).
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
    @Inject(FeedbackRecorder) private readonly recorder: FeedbackRecorder,
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
    await this.recorder.record(id, validation.value.feedback);
    return {};
  }
}
