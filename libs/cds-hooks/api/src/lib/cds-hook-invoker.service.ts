import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { CdsResponse, HookRequest, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { CardLedger } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';
import { CdsServiceRegistry } from './cds-service.registry';
import { normalizeResponse } from './normalize-response';
import { OperationOutcomeException } from './operation-outcome.exception';
import type { CreatePrefetchFetcher } from './prefetch-fetcher';
import { PREFETCH_FETCHER_FACTORY } from './prefetch-fetcher';
import { PrefetchUnavailableError } from './prefetch-unavailable.error';
import { withPrefetchWarnings } from './prefetch-warnings.extension';
import { resolvePrefetch } from './resolve-prefetch';
import { validateHookRequest } from './validate-hook-request';

/** One service call: validate → resolve prefetch → service.handle → normalise. */
@Injectable()
export class CdsHookInvoker {
  private readonly logger = new Logger('CdsHooks');

  constructor(
    // Explicit @Inject: the class must stay a value import for Nest's DI, whatever the type-import lint says.
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
    @Inject(CDS_HOOKS_RUNTIME_OPTIONS) private readonly options: CdsHooksRuntimeOptions,
    @Inject(PREFETCH_FETCHER_FACTORY) private readonly createFetcher: CreatePrefetchFetcher,
    @Optional() @Inject(CardLedger) private readonly ledger?: CardLedger,
  ) {}

  async invoke(serviceId: string, body: unknown): Promise<CdsResponse> {
    const service = this.registry.get(serviceId);
    const validation = validateHookRequest(body, service.definition);
    if (!validation.ok) {
      throw OperationOutcomeException.badRequest(validation.problem);
    }
    const request = validation.value;
    const resolved = await this.resolve(request, service.definition.prefetch);
    const forwarded: ResolvedHookRequest = { ...request, prefetch: resolved.prefetch };
    delete forwarded.unavailablePrefetchKeys; // only this layer may say which keys are unavailable
    if (resolved.unavailableKeys.length > 0) {
      forwarded.unavailablePrefetchKeys = resolved.unavailableKeys;
    }

    const { response, warnings } = normalizeResponse(await service.handle(forwarded));
    for (const warning of warnings) {
      this.logger.warn(`CDS service '${serviceId}' response repaired (a bug in the service): ${warning}`);
    }
    await this.remember(serviceId, request, response);
    return withPrefetchWarnings(response, resolved.unavailableKeys);
  }

  /**
   * A ledger failure must not cost the clinician the cards: it is logged, and feedback on these
   * cards can still be stored, only not tied to their rules.
   */
  private async remember(serviceId: string, request: HookRequest, response: CdsResponse): Promise<void> {
    if (!this.ledger || response.cards.length === 0) {
      return;
    }
    try {
      await this.ledger.recordIssued({
        serviceId,
        hookInstance: request.hookInstance,
        patientId: request.context.patientId,
        cards: response.cards,
        issuedAt: new Date().toISOString(),
      });
    } catch (error) {
      this.logger.error(`card ledger unavailable: ${(error as Error).message}`);
    }
  }

  private async resolve(request: HookRequest, templates: Record<string, string> | undefined): ReturnType<typeof resolvePrefetch> {
    try {
      return await resolvePrefetch(request, templates, {
        timeoutMs: this.options.prefetchTimeoutMs,
        createFetcher: this.createFetcher,
      });
    } catch (error) {
      if (error instanceof PrefetchUnavailableError) {
        // Key names and reason only: never the FHIR URL (patient id) nor the token.
        this.logger.warn(`412 for hook ${request.hook}: ${error.message}`);
        throw new OperationOutcomeException(412, error.toOperationOutcome());
      }
      throw error;
    }
  }
}
