/** A dependency the service needs to do its work, checked by `GET /ready`. */
export interface ReadinessCheck {
  /** Shown in the readiness answer: a plain name, no URLs (the endpoint is unauthenticated). */
  name: string;
  /** Resolves when the dependency works; the signal fires when the check's time is up. */
  check: (signal: AbortSignal) => Promise<void>;
  /** Default: the module's `readinessTimeoutMs`. */
  timeoutMs?: number;
}

export type ReadinessCheckStatus = 'ok' | 'failed' | 'timeout';

export interface ReadinessCheckResult {
  name: string;
  status: ReadinessCheckStatus;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable' | 'shutting-down';
  checks: ReadinessCheckResult[];
}
