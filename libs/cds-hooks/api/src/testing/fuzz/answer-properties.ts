import { assertCdsHooksInvariants } from '../cds-hooks-invariants';
import type { RawAnswer } from './raw-http-client';

/** What was called, to know which document a 200 must be. */
export type FuzzTarget = 'service' | 'feedback' | 'other';

/**
 * The properties every answer must have, whatever was sent (throws, naming the broken one):
 * - no 5xx;
 * - no secret in the body;
 * - every 4xx is a JSON OperationOutcome with an issue that has a text;
 * - a 200 from a service is a valid CDS Hooks response (invariants.json + required fields);
 *   a 200 from feedback is `{}`; nothing else succeeds.
 */
export function checkAnswer(target: FuzzTarget, answer: RawAnswer, secrets: readonly string[]): void {
  const excerpt = (): string => `${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 500) {
    throw new Error(`5xx answer: ${excerpt()}`);
  }
  for (const secret of secrets) {
    if (answer.text.includes(secret)) {
      throw new Error(`a secret came back: ${excerpt()}`);
    }
  }
  if (answer.status >= 400) {
    const contentType = String(answer.headers['content-type'] ?? '');
    const body = parse(answer.text) as { resourceType?: unknown; issue?: Array<{ details?: { text?: unknown } }> } | undefined;
    if (
      !contentType.startsWith('application/json') ||
      body?.resourceType !== 'OperationOutcome' ||
      typeof body.issue?.[0]?.details?.text !== 'string'
    ) {
      throw new Error(`4xx without an OperationOutcome: ${excerpt()}`);
    }
    return;
  }
  if (answer.status !== 200 || target === 'other') {
    throw new Error(`unexpected success: ${excerpt()}`);
  }
  if (target === 'feedback') {
    if (answer.text !== '{}') {
      throw new Error(`feedback 200 that is not {}: ${excerpt()}`);
    }
    return;
  }
  assertCdsHooksInvariants('response', parse(answer.text));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
