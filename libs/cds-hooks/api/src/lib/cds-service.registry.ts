import { Inject, Injectable } from '@nestjs/common';
import type { CdsService, CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { CDS_SERVICES } from '@pcb-cds/cds-hooks-model';
import { OperationOutcomeException } from './operation-outcome.exception';
import { pruneOptionalFields } from './prune-empty';

/** The id becomes a URL path segment: `{baseUrl}/cds-services/{id}`. */
const SERVICE_ID = /^[A-Za-z0-9._~-]+$/;

/** The registered services by id. Checks their definitions at startup: a bad one must not boot. */
@Injectable()
export class CdsServiceRegistry {
  private readonly byId = new Map<string, CdsService>();

  constructor(@Inject(CDS_SERVICES) services: CdsService[]) {
    for (const service of services) {
      const { id, hook, description } = service.definition ?? ({} as CdsServiceDefinition);
      if (typeof id !== 'string' || !SERVICE_ID.test(id)) {
        throw new Error(`CDS service id ${JSON.stringify(id)} is not a URL-safe, non-empty string`);
      }
      if (typeof hook !== 'string' || hook === '' || typeof description !== 'string' || description === '') {
        throw new Error(`CDS service '${id}' needs a hook and a description`);
      }
      if (this.byId.has(id)) {
        throw new Error(`CDS service id '${id}' is registered twice`);
      }
      this.byId.set(id, service);
    }
  }

  /** Discovery entries, without null/empty optional fields. */
  definitions(): CdsServiceDefinition[] {
    return [...this.byId.values()].map((s) => pruneOptionalFields(s.definition, ['id', 'hook', 'description']));
  }

  /** @throws OperationOutcomeException 404 for an unknown id. */
  get(id: string): CdsService {
    const service = this.byId.get(id);
    if (!service) {
      throw OperationOutcomeException.of(404, 'not-found', `Unknown CDS service '${id.slice(0, 100)}'`);
    }
    return service;
  }
}
