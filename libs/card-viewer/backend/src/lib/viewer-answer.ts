import type { Response } from 'express';
import { operationOutcome } from './operation-outcome';

/** What the viewer's API answers: the CDS service's answer passed through, or one of its own refusals. */
export interface ViewerAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export function problem(status: number, code: string, diagnostics: string, headers?: Record<string, string>): ViewerAnswer {
  return {
    status,
    contentType: 'application/json',
    body: JSON.stringify(operationOutcome(code, diagnostics)),
    ...(headers ? { headers } : {}),
  };
}

export function send(res: Response, answer: ViewerAnswer): void {
  if (answer.headers) {
    res.set(answer.headers);
  }
  res.status(answer.status).type(answer.contentType).send(answer.body);
}
