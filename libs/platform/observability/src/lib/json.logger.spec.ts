import { Logger } from '@nestjs/common';
import type { JsonLogLine } from './json.logger';
import { JsonLogger } from './json.logger';
import { createRequestContext, runWithRequestContext } from './request-context';

const NOW = new Date('2026-11-22T10:00:00.000Z');

function capture(options: ConstructorParameters<typeof JsonLogger>[0] = {}): {
  logger: JsonLogger;
  raw: string[];
  lines: () => JsonLogLine[];
} {
  const raw: string[] = [];
  const logger = new JsonLogger({ write: (line) => raw.push(line), clock: () => NOW, ...options });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as JsonLogLine) };
}

describe('JsonLogger', () => {
  it('writes time, level, context and message as one JSON line', () => {
    const { logger, raw, lines } = capture();
    logger.log('started\nwith a newline', 'Bootstrap');
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('\n');
    expect(lines()[0]).toEqual({ time: NOW.toISOString(), level: 'info', context: 'Bootstrap', message: 'started\nwith a newline' });
  });

  it('carries the correlation id of the request being served, and none outside a request', async () => {
    const { logger, lines } = capture();
    logger.log('outside');
    const req = { body: { hookInstance: 'hook-42' } };
    await runWithRequestContext(createRequestContext(req), async () => {
      await Promise.resolve();
      logger.warn('inside', 'Ctx');
    });
    expect(lines()[0].correlationId).toBeUndefined();
    expect(lines()[1]).toMatchObject({ level: 'warn', context: 'Ctx', message: 'inside', correlationId: 'hook-42' });
  });

  it("follows Nest's calling conventions for error: stack then context", () => {
    const { logger, lines } = capture();
    const error = new Error('boom');
    logger.error('failed', error.stack, 'Http');
    logger.error('no stack', undefined, 'Http');
    logger.error('only a context', 'Http');
    logger.error(error, 'Http');
    expect(lines()[0]).toMatchObject({ level: 'error', context: 'Http', message: 'failed' });
    expect(lines()[0].stack).toContain('at ');
    expect(lines()[1]).toMatchObject({ context: 'Http', message: 'no stack' });
    expect(lines()[1].stack).toBeUndefined();
    expect(lines()[2]).toMatchObject({ context: 'Http', message: 'only a context' });
    expect(lines()[3]).toMatchObject({ context: 'Http', message: 'boom', name: 'Error' });
  });

  it('works behind Nest Logger instances with a context', () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Svc').log('hello');
      new Logger('Svc').error('oops');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', context: 'Svc', message: 'hello' }),
      expect.objectContaining({ level: 'error', context: 'Svc', message: 'oops' }),
    ]);
  });

  it('puts the fields of a structured message on the line, never over time/level/context/correlationId', () => {
    const { logger, lines } = capture();
    logger.log({ message: 'GET / 200', status: 200, level: 'forged', time: 'forged' }, 'HttpAccess');
    expect(lines()[0]).toEqual({ time: NOW.toISOString(), level: 'info', context: 'HttpAccess', message: 'GET / 200', status: 200 });
  });

  it('redacts tokens in messages, structured fields and stacks', () => {
    const { logger, raw } = capture();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
    logger.log(`calling with Authorization: Bearer ${jwt}`);
    logger.warn({ message: 'token exchange', body: { access_token: 'opaque-token-1' } });
    logger.error(`failed for ${jwt}`, `Error: x ${jwt}\n    at f (file.js:1:2)`);
    const all = raw.join('\n');
    expect(all).not.toContain(jwt);
    expect(all).not.toContain('opaque-token-1');
    expect(all.match(/\[redacted\]/g)).toHaveLength(4);
  });

  it('writes only the enabled levels', () => {
    const { logger, lines } = capture({ levels: ['error'] });
    logger.log('no');
    logger.debug('no');
    logger.error('yes');
    logger.setLogLevels(['log']);
    logger.log('yes too');
    expect(lines().map((l) => l.message)).toEqual(['yes', 'yes too']);
  });
});
