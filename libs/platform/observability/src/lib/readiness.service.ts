import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ObservabilityOptions } from './observability.options';
import { DEFAULT_READINESS_CACHE_MS, DEFAULT_READINESS_TIMEOUT_MS, OBSERVABILITY_OPTIONS } from './observability.options';
import type { ReadinessCheck, ReadinessCheckResult, ReadinessCheckStatus, ReadinessReport } from './readiness-check';

/**
 * Runs the registered readiness checks in parallel, each under its own timeout. `/ready` is unauthenticated, so
 * concurrent probes share one run and a result is reused for `readinessCacheMs`: a flood of probes must not turn
 * into a flood of calls on the FHIR server or the database. Why a check failed is logged (on change), never
 * answered.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private readonly checks: ReadinessCheck[];
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private running?: Promise<ReadinessReport>;
  private cached?: { report: ReadinessReport; at: number };
  private readonly lastStatus = new Map<string, ReadinessCheckStatus>();
  private shuttingDown = false;

  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    this.checks = [...(options.readinessChecks ?? [])];
    this.timeoutMs = options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
    this.cacheMs = options.readinessCacheMs ?? DEFAULT_READINESS_CACHE_MS;
    const names = new Set<string>();
    for (const { name } of this.checks) {
      if (names.has(name)) {
        throw new Error(`Readiness check "${name}" is registered twice`);
      }
      names.add(name);
    }
  }

  /** From now on the service answers "not ready": the graceful shutdown helper calls it. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      return { status: 'shutting-down', checks: [] };
    }
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) {
      return this.cached.report;
    }
    this.running ??= this.runAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runAll(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map((check) => this.run(check)));
    const report: ReadinessReport = { status: checks.every((c) => c.status === 'ok') ? 'ok' : 'unavailable', checks };
    this.cached = { report, at: Date.now() };
    return report;
  }

  private async run(check: ReadinessCheck): Promise<ReadinessCheckResult> {
    const timeoutMs = check.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    let status: ReadinessCheckStatus;
    let reason = '';
    try {
      // A check that throws synchronously is a failed check, not a failed probe.
      const outcome = await Promise.race([Promise.resolve().then(() => check.check(controller.signal)), timedOut]);
      status = outcome === 'timeout' ? 'timeout' : 'ok';
      reason = status === 'timeout' ? `no answer within ${timeoutMs} ms` : '';
    } catch (error) {
      status = 'failed';
      reason = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
    this.logChange(check.name, status, reason);
    return { name: check.name, status };
  }

  private logChange(name: string, status: ReadinessCheckStatus, reason: string): void {
    const previous = this.lastStatus.get(name);
    this.lastStatus.set(name, status);
    if (status === previous) {
      return;
    }
    if (status === 'ok') {
      if (previous !== undefined) {
        this.logger.log(`readiness check "${name}" ok again`);
      }
    } else {
      this.logger.warn(`readiness check "${name}" ${status}: ${reason}`);
    }
  }
}
