import type { Logger } from '@nestjs/common';
import type { CardMemory, CdsResponse, HookRequest } from '@pcb-cds/cds-hooks-model';

/**
 * The card-memory step (after the service's cards, before the ledger and the response). Without a memory, or
 * with no cards, the response is unchanged. A memory failure (its store is down) costs only the memory: the
 * cards go out as the service made them, and the failure is logged without data.
 */
export async function recallCards(
  memory: CardMemory | undefined,
  serviceId: string,
  request: HookRequest,
  response: CdsResponse,
  logger: Pick<Logger, 'error'>,
): Promise<CdsResponse> {
  if (!memory || response.cards.length === 0) {
    return response;
  }
  try {
    const recalled = await memory.recall({
      serviceId,
      hookInstance: request.hookInstance,
      patientId: request.context.patientId,
      cards: response.cards,
      issuedAt: new Date().toISOString(),
    });
    return {
      ...response,
      cards: recalled.cards,
      ...(recalled.extension ? { extension: { ...(response.extension ?? {}), ...recalled.extension } } : {}),
    };
  } catch (error) {
    logger.error(`card memory unavailable, cards sent unfiltered: ${(error as Error).name}`);
    return response;
  }
}
