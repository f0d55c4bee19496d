import type { Filter, SearchRequest, WithId } from '@medplum/core';
import {
  badRequest,
  isNotFound,
  isResourceType,
  normalizeOperationOutcome,
  OperationOutcomeError,
  Operator,
  subsetResource,
  validateResource,
} from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { qualifyBareReferences } from './bare-references';
import type { IncludeSource } from './search-includes';
import { resolveIncludes } from './search-includes';
import { assertSupportedSearch, searchedTypes } from './search-checks';
import { searchLinks } from './search-links';
import { resolvePage } from './search-paging';
import { sortResources } from './search-sort';

export interface SandboxRepositoryOptions {
  /** Absolute base URL of the server, for `fullUrl` and paging links. */
  baseUrl: string;
  /** Structural validation (`validateResource`) of every create and update. */
  validate?: boolean;
}

/** What a write replaced, so a failed transaction can put it back. */
interface UndoRecord {
  resourceType: string;
  id: string;
  previous: WithId<Resource> | undefined;
}

/**
 * medplum's in-memory store with the search behaviour clients of a real FHIR server rely on, and
 * which MemoryRepository lacks: bare-id references, a default page size with paging links,
 * `_include`/`_revinclude`, multi-key `_sort`, 400 for what it cannot answer. The router calls
 * `search` for batch entries and conditional operations too, so they get the same behaviour.
 */
export class SandboxRepository extends MemoryRepository {
  private readonly baseUrl: string;
  private readonly validate: boolean;
  private undoLog: UndoRecord[] | undefined;
  private transactionQueue: Promise<unknown> = Promise.resolve();

  constructor(options: SandboxRepositoryOptions) {
    super();
    this.baseUrl = options.baseUrl;
    this.validate = options.validate ?? false;
  }

  // MemoryRepository.updateResource and patchResource both end here, so this is the one place
  // every write passes through.
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const resourceType: string | undefined = resource?.resourceType;
    if (!resourceType || !isResourceType(resourceType)) {
      throw new OperationOutcomeError(badRequest(`Unknown resource type '${resourceType}'`));
    }
    if (this.validate) {
      validateResource(resource);
    }
    const previous = await this.current(resource.resourceType, resource.id);
    const saved = await super.createResource(resource);
    this.undoLog?.push({
      resourceType: saved.resourceType,
      id: saved.id,
      previous,
    });
    return saved;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    const previous = await this.current(resourceType, id);
    await super.deleteResource(resourceType, id);
    this.undoLog?.push({ resourceType, id, previous });
  }

  /**
   * Runs `work` so that, if it throws, every write it made is undone (MemoryRepository has no
   * transactions). Runs one at a time; a write made by a concurrent plain request while a
   * transaction is open is undone with it, which a single-user sandbox can live with.
   */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.undoLog = [];
      try {
        return await work();
      } catch (err) {
        await this.undo(this.undoLog);
        throw err;
      } finally {
        this.undoLog = undefined;
      }
    };
    const result = this.transactionQueue.then(run, run);
    this.transactionQueue = result.catch(() => undefined);
    return result;
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const types = searchedTypes(request);
    assertSupportedSearch(request, types);
    const page = resolvePage(request);

    let matches: WithId<Resource>[] = [];
    for (const resourceType of types) {
      matches.push(...(await this.findAll(resourceType, qualifyBareReferences(request.filters, resourceType))));
    }
    matches = sortResources(matches, request.sortRules);

    const pageMatches = matches.slice(page.offset, page.offset + page.count);
    const included = await resolveIncludes(pageMatches, request, this.includeSource(), this.baseUrl);
    const entry = [
      ...pageMatches.map((r) => this.entry(request.fields ? (subsetResource(r, request.fields) ?? r) : r, 'match')),
      ...included.map((r) => this.entry(r, 'include')),
    ];
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link: searchLinks(this.baseUrl, request, page, matches.length),
      ...(entry.length > 0 ? { entry } : {}),
    } as Bundle<WithId<T>>;
  }

  private entry(resource: Resource, mode: 'match' | 'include'): BundleEntry {
    return {
      fullUrl: `${this.baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode },
    };
  }

  private includeSource(): IncludeSource {
    return {
      read: (reference) => {
        const [resourceType, id] = reference.split('/');
        return this.current(resourceType, id);
      },
      findReferencing: (resourceType, searchParam, references) =>
        this.findAll(resourceType, [
          {
            code: searchParam,
            operator: Operator.EQUALS,
            value: references.join(','),
          },
        ]),
    };
  }

  /** Every match of the filters, unsorted and unpaged: MemoryRepository's own search, used as a matcher. */
  private async findAll(resourceType: string, filters: Filter[] | undefined): Promise<WithId<Resource>[]> {
    const found = await super.search({
      resourceType,
      filters,
    } as SearchRequest);
    return (found.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  }

  private async current(resourceType: string, id: string | undefined): Promise<WithId<Resource> | undefined> {
    if (!id) {
      return undefined;
    }
    try {
      return await this.readResource<WithId<Resource>>(resourceType, id);
    } catch (err) {
      if (isNotFound(normalizeOperationOutcome(err))) {
        return undefined;
      }
      throw err;
    }
  }

  private async undo(log: UndoRecord[]): Promise<void> {
    for (const { resourceType, id, previous } of [...log].reverse()) {
      if (previous) {
        // Re-stores the earlier version as current, keeping its versionId and lastUpdated.
        await super.createResource(previous);
      } else if (await this.current(resourceType, id)) {
        await super.deleteResource(resourceType, id);
      }
    }
  }
}
