import { Injectable } from '@nestjs/common';
import bytes from 'bytes';
import type { Request, RequestHandler, Response } from 'express';
import { createJsonBodyParser, DEFAULT_BODY_LIMIT, DEFAULT_MAX_JSON_DEPTH } from './json-body-parser';
import type { JsonBodyLimits } from './read-json-body';
import { readJsonBody, readsPlainBody } from './read-json-body';

/** How bodies are read: the hardened JSON parser of every route and its limits. */
export interface BodyReading {
  /** The parser (limit, UTF-8, nesting depth, prototype keys), for compressed bodies. */
  parseJson: RequestHandler;
  /** Its limits, for the lean reader of plain bodies. */
  limits: JsonBodyLimits;
}

/**
 * Reads the body of a hook call, after its guards: the hook endpoint's body is not parsed ahead of routing like
 * other routes' (see configureCdsHooksHttp), so that an unknown or throttled caller's body is never read. The
 * same reading whichever way the endpoint is served (fast hook route or Nest route).
 */
@Injectable()
export class HookBodyReader {
  private reading?: BodyReading;

  /** The app's parser and limits (configureCdsHooksHttp's); until given, the defaults (5 MB, depth 100). */
  use(reading: BodyReading): void {
    this.reading = reading;
  }

  async read(req: Request, res: Response): Promise<unknown> {
    if (req.readableEnded) {
      return req.body; // already read by a parser ahead of routing (an app without configureCdsHooksHttp)
    }
    const reading = (this.reading ??= defaultReading());
    if (readsPlainBody(req)) {
      return readJsonBody(req, reading.limits);
    }
    await new Promise<void>((resolve, reject) =>
      reading.parseJson(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error))),
    );
    return req.body;
  }
}

export function bodyReading(options: { bodyLimit: string | number; maxJsonDepth: number }): BodyReading {
  const limits = { limitBytes: limitInBytes(options.bodyLimit), maxDepth: options.maxJsonDepth };
  return { parseJson: createJsonBodyParser({ limit: options.bodyLimit, maxDepth: options.maxJsonDepth }), limits };
}

function defaultReading(): BodyReading {
  return bodyReading({ bodyLimit: DEFAULT_BODY_LIMIT, maxJsonDepth: DEFAULT_MAX_JSON_DEPTH });
}

/** The limit as body-parser reads it ('5mb', 1048576, …); a limit it cannot read refuses to start. */
function limitInBytes(limit: string | number): number {
  const parsed = typeof limit === 'number' ? limit : bytes.parse(limit);
  if (parsed === null || !Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`bodyLimit ${JSON.stringify(limit)} is not a size (e.g. '5mb' or a number of bytes)`);
  }
  return parsed;
}
