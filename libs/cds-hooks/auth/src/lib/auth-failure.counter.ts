import type { JtiReplayStore } from './jti-replay.store';

/**
 * Failed authentications per client address (AuthFailureLimiter in memory by default; a shared store when
 * several replicas sit behind one balancer). A counter that cannot answer throws; the request is refused.
 */
export interface AuthFailureCounter {
  /** Seconds until `address` may try again (≥ 1), or 0 when it is not over its budget. */
  retryAfterSeconds(address: string): number | Promise<number>;
  /** Counts one failure; true when it is the one that used up the budget. */
  recordFailure(address: string): boolean | Promise<boolean>;
}

/** State shared by the replicas of one service (e.g. Redis); unset, everything is in memory per process. */
export interface CdsClientAuthSharedState {
  replay: JtiReplayStore;
  /** A counter allowing `limitPerMinute` failures per address per minute. */
  authFailures: (limitPerMinute: number) => AuthFailureCounter;
}
