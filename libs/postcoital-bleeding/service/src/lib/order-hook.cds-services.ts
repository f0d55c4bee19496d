import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import { answerOrderHook } from './order-hook-answer';
import { pcbOrderSelectDefinition, pcbOrderSignDefinition } from './order-service-definitions';

/** `pcb-order-select` (hook order-select): the selected orders and the work-up still missing. */
export class PcbOrderSelectCdsService implements CdsService {
  readonly definition: CdsServiceDefinition;

  constructor(private readonly settings: PostcoitalBleedingSettings) {
    this.definition = pcbOrderSelectDefinition(settings.terminology);
  }

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    return answerOrderHook(this.settings, request, 'order-select');
  }
}

/** `pcb-order-sign` (hook order-sign): the orders about to be signed. */
export class PcbOrderSignCdsService implements CdsService {
  readonly definition: CdsServiceDefinition;

  constructor(private readonly settings: PostcoitalBleedingSettings) {
    this.definition = pcbOrderSignDefinition(settings.terminology);
  }

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    return answerOrderHook(this.settings, request, 'order-sign');
  }
}
