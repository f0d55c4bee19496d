import type { IncomingMessage } from 'node:http';
import { isUtf8, parseJsonBytes, toOperationOutcomeException } from './json-body-parser';
import { OperationOutcomeException } from './operation-outcome.exception';

export interface JsonBodyLimits {
  limitBytes: number;
  maxDepth: number;
}

/**
 * Whether the lean reader below can take this body: an identity-encoded body (compressed ones need
 * body-parser's inflation and its zip-bomb limit). A body of another media type is the content-type guard's
 * 415, before any reading.
 */
export function readsPlainBody(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

/**
 * The request body as JSON, with the checks and errors of createJsonBodyParser (413 over the limit, before
 * reading when Content-Length says so; 415 for another charset; 400 for a truncated body, bad JSON, deep nesting
 * or a polluting key) but without body-parser's stream machinery, which cost more than the read itself.
 */
export function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) {
      resolve(undefined); // no body at all, as body-parser leaves it
      return;
    }
    const contentType = req.headers['content-type'];
    if (contentType !== undefined && !isUtf8(contentType)) {
      reject(OperationOutcomeException.of(415, 'not-supported', 'The request body must be UTF-8 JSON'));
      return;
    }
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > limits.limitBytes) {
      reject(tooLarge(req));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (type: string): void => {
      cleanup();
      reject(toOperationOutcomeException({ type }, limits.maxDepth));
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limits.limitBytes) {
        cleanup();
        reject(tooLarge(req));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      if (declared !== undefined && declared !== received) {
        fail('request.size.invalid');
        return;
      }
      try {
        resolve(parseJsonBytes(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received), limits.maxDepth));
      } catch (error) {
        reject(error);
      }
    };
    const onAborted = (): void => fail('request.aborted');
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
  });
}

/** Stops reading: the rest of the body is discarded as it arrives, while the 413 goes out. */
function tooLarge(req: IncomingMessage): OperationOutcomeException {
  req.resume();
  return toOperationOutcomeException({ type: 'entity.too.large' }, 0) as OperationOutcomeException;
}
