/** Label values come from URLs and payloads: only short, plain tokens go into metrics and log fields. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function plainLabel(value: unknown, fallback: string): string {
  return typeof value === 'string' && PLAIN.test(value) ? value : fallback;
}

export interface ServiceLabelOptions {
  /** The service ids the app serves: any other `:id` becomes `unknown`. */
  knownServiceIds?: readonly string[];
  /** Without `knownServiceIds`: distinct ids kept before the rest become `other`; default 50. */
  maxServiceLabels?: number;
}

export const DEFAULT_MAX_SERVICE_LABELS = 50;

/**
 * The `service` label from a `:id` route parameter. The id comes from the URL, i.e. from the client: an
 * unauthenticated caller must not be able to mint time series (each one costs memory until restart), nor put
 * arbitrary text into metrics. A 404 means the service does not exist.
 */
export class ServiceLabeler {
  private readonly known?: ReadonlySet<string>;
  private readonly seen = new Set<string>();
  private readonly max: number;

  constructor(options: ServiceLabelOptions = {}) {
    this.known = options.knownServiceIds ? new Set(options.knownServiceIds) : undefined;
    this.max = options.maxServiceLabels ?? DEFAULT_MAX_SERVICE_LABELS;
  }

  label(id: unknown, status?: number): string {
    if (id === undefined || id === null || id === '') {
      return 'none';
    }
    if (status === 404 || typeof id !== 'string') {
      return 'unknown';
    }
    if (this.known) {
      return this.known.has(id) ? id : 'unknown';
    }
    const plain = plainLabel(id, 'unknown');
    if (plain === 'unknown' || this.seen.has(plain)) {
      return plain;
    }
    if (this.seen.size >= this.max) {
      return 'other';
    }
    this.seen.add(plain);
    return plain;
  }
}
