import type { LoggerService, LogLevel } from '@nestjs/common';
import { redactLogText, redactLogValue } from './redact-log-text';
import { currentCorrelationId } from './request-context';

export interface JsonLoggerOptions {
  /** Where each line goes (without the newline added); default: process.stdout. */
  write?: (line: string) => void;
  /** Levels written; default all but `verbose`. */
  levels?: LogLevel[];
  /** Default: the correlation id of the request being served (see `configureObservabilityHttp`). */
  correlationId?: () => string | undefined;
  clock?: () => Date;
}

/** What a line looks like; `message` objects add their own fields beside these. */
export interface JsonLogLine {
  time: string;
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
  context?: string;
  message: string;
  correlationId?: string;
  stack?: string;
  [field: string]: unknown;
}

const DEFAULT_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];
/** Log processors know `info`, not Nest's `log`. */
const LEVEL_NAMES: Record<LogLevel, JsonLogLine['level']> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'verbose',
};
const RESERVED = new Set(['time', 'level', 'context', 'correlationId']);
/** Nest passes a stack as a separate string argument to `error`; this is how it tells one from a context. */
const STACK_FORMAT = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * A Nest LoggerService writing one JSON object per line: time, level, context, message, the request's
 * correlation id, and the fields of a structured message. Every line is redacted (bearer tokens, JWTs,
 * access_token values, Authorization values) because messages come from code we do not control.
 *
 *   NestFactory.create(AppModule, { logger: new JsonLogger() })
 */
export class JsonLogger implements LoggerService {
  private enabled: Set<LogLevel>;
  private readonly write: (line: string) => void;
  private readonly correlationId: () => string | undefined;
  private readonly clock: () => Date;

  constructor(options: JsonLoggerOptions = {}) {
    this.enabled = new Set(options.levels ?? DEFAULT_LEVELS);
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.correlationId = options.correlationId ?? currentCorrelationId;
    this.clock = options.clock ?? (() => new Date());
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.print('log', [message, ...optionalParams]);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.print('error', [message, ...optionalParams], true);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.print('warn', [message, ...optionalParams]);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.print('debug', [message, ...optionalParams]);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.print('verbose', [message, ...optionalParams]);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.print('fatal', [message, ...optionalParams], true);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels);
  }

  private print(level: LogLevel, args: unknown[], mayHaveStack = false): void {
    if (!this.enabled.has(level)) {
      return;
    }
    const { messages, context, stack } = splitArguments(args, mayHaveStack);
    for (const message of messages) {
      this.write(this.line(level, message, context, stack));
    }
  }

  private line(level: LogLevel, message: unknown, context: string | undefined, stack: string | undefined): string {
    const line: JsonLogLine = { time: this.clock().toISOString(), level: LEVEL_NAMES[level], message: '' };
    if (context) {
      line.context = redactLogText(context);
    }
    const fields = messageFields(message);
    for (const [key, value] of Object.entries(fields)) {
      if (!RESERVED.has(key)) {
        line[key] = value;
      }
    }
    const correlationId = this.correlationId();
    if (correlationId) {
      line.correlationId = correlationId;
    }
    if (stack) {
      line.stack = redactLogText(stack);
    }
    return safeStringify(line);
  }
}

/** Nest's calling conventions: the last string argument is the context; `error` may carry a stack before it. */
function splitArguments(args: unknown[], mayHaveStack: boolean): { messages: unknown[]; context?: string; stack?: string } {
  if (mayHaveStack && args.length === 2 && isStack(args[1])) {
    return { messages: [args[0]], stack: args[1] as string };
  }
  let messages = args;
  let context: string | undefined;
  if (args.length > 1 && typeof args[args.length - 1] === 'string') {
    context = args[args.length - 1] as string;
    messages = args.slice(0, -1);
  }
  if (mayHaveStack && messages.length > 1) {
    const last = messages[messages.length - 1];
    if (typeof last === 'string' || last === undefined) {
      return { messages: messages.slice(0, -1), context, stack: last };
    }
  }
  return { messages, context };
}

function isStack(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && STACK_FORMAT.test(value));
}

/** A string is the message; an Error gives message and stack; an object's fields go onto the line. */
function messageFields(message: unknown): Record<string, unknown> {
  if (typeof message === 'string') {
    return { message: redactLogText(message) };
  }
  const redacted = redactLogValue(message);
  if (message instanceof Error) {
    return redacted as Record<string, unknown>;
  }
  if (redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted)) {
    const fields = redacted as Record<string, unknown>;
    return { ...fields, message: typeof fields['message'] === 'string' ? fields['message'] : '' };
  }
  return { message: redacted === undefined ? '' : JSON.stringify(redacted) };
}

function safeStringify(line: JsonLogLine): string {
  try {
    return JSON.stringify(line);
  } catch {
    return JSON.stringify({ time: line.time, level: line.level, context: line.context, message: '[unserialisable log message]' });
  }
}
