import { HookController } from './hook.controller';
import { HttpExecutionContext } from './http-execution-context';

describe("HttpExecutionContext: what a guard sees of a request served outside Nest's router", () => {
  const req = { method: 'POST' };
  const res = { statusCode: 200 };
  const context = new HttpExecutionContext(req, res, HookController, HookController.prototype.callService);

  it('is an HTTP context over the request and the response', () => {
    expect(context.getType()).toBe('http');
    expect(context.switchToHttp().getRequest()).toBe(req);
    expect(context.switchToHttp().getResponse()).toBe(res);
    expect(context.getArgs()).toEqual([req, res]);
    expect(context.getArgByIndex(1)).toBe(res);
  });

  it('names the controller and the handler whose metadata the Nest route would show', () => {
    expect(context.getClass()).toBe(HookController);
    expect(context.getHandler()).toBe(HookController.prototype.callService);
  });

  it('offers no way on: a guard admits by answering true', () => {
    expect(context.switchToHttp().getNext()).toBeUndefined();
  });
});
