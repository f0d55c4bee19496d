import type { Request } from 'express';

const REDACTED = '[redacted]';

/**
 * The secrets a request may carry: the FHIR access token in the body and the CDS client's JWT in the
 * Authorization header. Used to scrub log lines whose text came from code we do not control.
 */
export function requestSecrets(req: Pick<Request, 'headers' | 'body'> | undefined): string[] {
  const secrets: string[] = [];
  const token = (req?.body as { fhirAuthorization?: { access_token?: unknown } } | undefined)?.fhirAuthorization?.access_token;
  if (typeof token === 'string') {
    secrets.push(token);
  }
  const authorization = req?.headers?.authorization;
  if (typeof authorization === 'string') {
    secrets.push(authorization, authorization.replace(/^Bearer\s+/i, ''));
  }
  // Very short strings would redact ordinary words; no real token is that short.
  return secrets.filter((s) => s.length >= 8);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}
