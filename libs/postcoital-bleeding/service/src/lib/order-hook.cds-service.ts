import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import type { OrderHook } from './order-hook-answer';
import { answerOrderHook } from './order-hook-answer';
import { pcbOrderHookDefinition } from './order-service-definitions';

/**
 * `pcb-order-select` (order-select: the selected orders and the work-up still missing) or
 * `pcb-order-sign` (order-sign: the orders about to be signed), one instance per hook.
 */
export class PcbOrderHookCdsService implements CdsService {
  readonly definition: CdsServiceDefinition;

  constructor(
    private readonly settings: PostcoitalBleedingSettings,
    private readonly hook: OrderHook,
  ) {
    this.definition = pcbOrderHookDefinition(hook, settings.terminology);
  }

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    return answerOrderHook(this.settings, request, this.hook);
  }
}
