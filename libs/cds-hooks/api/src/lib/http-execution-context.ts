import type { ArgumentsHost, ExecutionContext, Type } from '@nestjs/common';

// The package root exports ArgumentsHost but not the hosts it switches to.
type HttpArgumentsHost = ReturnType<ArgumentsHost['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ArgumentsHost['switchToRpc']>;
type WsArgumentsHost = ReturnType<ArgumentsHost['switchToWs']>;

/**
 * The ExecutionContext Nest gives a guard on an HTTP route, for a request handled outside Nest's router: the same
 * arguments, and the controller class and handler whose metadata (e.g. `Reflector.get(…, context.getHandler())`) a
 * guard would see on the Nest route.
 */
export class HttpExecutionContext implements ExecutionContext, HttpArgumentsHost {
  private readonly args: [unknown, unknown];

  constructor(
    req: unknown,
    res: unknown,
    private readonly controller: Type<unknown>,
    private readonly handler: (...args: never[]) => unknown,
  ) {
    this.args = [req, res];
  }

  getClass<T>(): Type<T> {
    return this.controller as Type<T>;
  }

  getHandler(): (...args: never[]) => unknown {
    return this.handler;
  }

  getArgs<T extends unknown[]>(): T {
    return this.args as unknown as T;
  }

  getArgByIndex<T>(index: number): T {
    return this.args[index] as T;
  }

  getType<TContext extends string>(): TContext {
    return 'http' as TContext;
  }

  switchToHttp(): HttpArgumentsHost {
    return this;
  }

  getRequest<T>(): T {
    return this.args[0] as T;
  }

  getResponse<T>(): T {
    return this.args[1] as T;
  }

  /** Undefined: a guard continues a request by answering true, never by calling on. */
  getNext<T>(): T {
    return undefined as T;
  }

  // As Nest's own context does for a guard that asks an HTTP request for another transport: its arguments, by position.
  switchToRpc(): RpcArgumentsHost {
    return { getData: <T>() => this.args[0] as T, getContext: <T>() => this.args[1] as T };
  }

  switchToWs(): WsArgumentsHost {
    return { getClient: <T>() => this.args[0] as T, getData: <T>() => this.args[1] as T, getPattern: () => this.args[1] as string };
  }
}
