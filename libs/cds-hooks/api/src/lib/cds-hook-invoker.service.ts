import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { CdsResponse, CdsService, HookRequest, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { CardLedger, CardMemory } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';
import { CdsServiceRegistry } from './cds-service.registry';
import { deadlineExceeded } from './deadline-exceeded';
import { normalizeResponse } from './normalize-response';
import { OperationOutcomeException } from './operation-outcome.exception';
import type { CreatePrefetchFetcher } from './prefetch-fetcher';
import { PREFETCH_FETCHER_FACTORY } from './prefetch-fetcher';
import type { ResolvedPrefetch } from './resolve-prefetch';
import { PrefetchUnavailableError } from './prefetch-unavailable.error';
import { withPrefetchWarnings } from './prefetch-warnings.extension';
import { recallCards } from './recall-cards';
import { resolvePrefetch } from './resolve-prefetch';
import { runWithDeadline } from './run-with-deadline';
import { validateHookRequest } from './validate-hook-request';

/** One service call: validate → resolve prefetch → service.handle → normalise, all under one deadline. */
@Injectable()
export class CdsHookInvoker implements OnModuleInit {
  private readonly logger = new Logger('CdsHooks');

  constructor(
    // Explicit @Inject: the class must stay a value import for Nest's DI, whatever the type-import lint says.
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
    @Inject(CDS_HOOKS_RUNTIME_OPTIONS) private readonly options: CdsHooksRuntimeOptions,
    @Inject(PREFETCH_FETCHER_FACTORY) private readonly createFetcher: CreatePrefetchFetcher,
    @Optional() @Inject(CardLedger) private readonly ledger?: CardLedger,
    @Optional() @Inject(CardMemory) private readonly memory?: CardMemory,
  ) {}

  onModuleInit(): void {
    if (!this.options.fhirServers.restricted) {
      this.logger.warn('No fhirServerAllowlist: prefetch will be fetched from any fhirServer a client names (set one in production)');
    }
  }

  async invoke(serviceId: string, body: unknown): Promise<CdsResponse> {
    const service = this.registry.get(serviceId);
    const validation = validateHookRequest(body, service.definition);
    if (!validation.ok) {
      throw OperationOutcomeException.badRequest(validation.problem);
    }
    const request = validation.value;
    return runWithDeadline(
      this.options.hookDeadlineMs,
      (signal) => this.call(serviceId, service, request, signal),
      () => {
        this.logger.warn(`503 for hook ${request.hook}: service '${serviceId}' did not answer within ${this.options.hookDeadlineMs} ms`);
        return deadlineExceeded();
      },
    );
  }

  private async call(serviceId: string, service: CdsService, request: HookRequest, signal: AbortSignal): Promise<CdsResponse> {
    const resolved = await this.resolve(request, service.definition.prefetch, signal);
    const normalized = normalizeResponse(await service.handle(forService(request, resolved)));
    for (const warning of normalized.warnings) {
      this.logger.warn(`CDS service '${serviceId}' response repaired (a bug in the service): ${warning}`);
    }
    const response = await recallCards(this.memory, serviceId, request, normalized.response, this.logger);
    if (!signal.aborted) {
      // Past the deadline the client got a 503 and never saw these cards: they must not be remembered as issued.
      await this.remember(serviceId, request, response);
    }
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

  private async resolve(
    request: HookRequest,
    templates: Record<string, string> | undefined,
    signal: AbortSignal,
  ): Promise<ResolvedPrefetch> {
    try {
      return await resolvePrefetch(request, templates, {
        timeoutMs: this.options.prefetchTimeoutMs,
        createFetcher: this.createFetcher,
        fhirServers: this.options.fhirServers,
        signal,
      });
    } catch (error) {
      if (error instanceof PrefetchUnavailableError) {
        // Key names and reason only: never the FHIR URL (patient id) nor the token.
        this.logger.warn(`412 for hook ${request.hook}: ${error.message}${refusedOrigin(error, request)}`);
        throw new OperationOutcomeException(412, error.toOperationOutcome());
      }
      throw error;
    }
  }
}

/**
 * What the service sees: the resolved prefetch, and who says which keys are unavailable (only this layer may).
 * Not `fhirAuthorization`: the access token is for fetching prefetch, which is this layer's job, so no service
 * can log it, echo it into a card or send it anywhere.
 */
function forService(request: HookRequest, resolved: ResolvedPrefetch): ResolvedHookRequest {
  const forwarded: ResolvedHookRequest = { ...request, prefetch: resolved.prefetch };
  delete forwarded.fhirAuthorization;
  delete forwarded.unavailablePrefetchKeys;
  if (resolved.unavailableKeys.length > 0) {
    forwarded.unavailablePrefetchKeys = resolved.unavailableKeys;
  }
  return forwarded;
}

/** For an operator adding a server to the allowlist: its origin (scheme, host, port), never the path. */
function refusedOrigin(error: PrefetchUnavailableError, request: HookRequest): string {
  if (error.failure.kind !== 'fhir-server-not-allowed') {
    return '';
  }
  try {
    return ` (fhirServer origin ${new URL(request.fhirServer ?? '').origin})`;
  } catch {
    return '';
  }
}
