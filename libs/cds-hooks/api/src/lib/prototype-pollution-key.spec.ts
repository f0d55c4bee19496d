import { findPrototypePollutionKey } from './prototype-pollution-key';

describe('findPrototypePollutionKey', () => {
  it.each([
    ['a top-level __proto__', '{"__proto__":{"polluted":true}}', '__proto__'],
    ['a nested __proto__', '{"context":{"patientId":"1","__proto__":{"x":1}}}', 'context.__proto__'],
    ['__proto__ in an array element', '{"prefetch":{"b":{"entry":[{},{"__proto__":1}]}}}', 'prefetch.b.entry[1].__proto__'],
    ['an escaped __proto__', '{"\\u005f_proto__":{}}', '__proto__'],
    ['constructor.prototype', '{"extension":{"constructor":{"prototype":{"polluted":true}}}}', 'extension.constructor.prototype'],
  ])('finds %s', (_name, json, path) => {
    expect(findPrototypePollutionKey(JSON.parse(json))).toBe(path);
  });

  it.each([
    ['a plain request', { hook: 'patient-view', context: { patientId: '1' } }],
    ['a constructor key without prototype', { constructor: 'Practitioner/1', x: { constructor: { name: 'a' } } }],
    ['a prototype key alone', { prototype: { x: 1 } }],
    ['primitives', 42],
    ['null', null],
  ])('finds nothing in %s', (_name, value) => {
    expect(findPrototypePollutionKey(value)).toBeUndefined();
  });

  it('walks 100,000 nested arrays without overflowing the stack', () => {
    expect(findPrototypePollutionKey(JSON.parse(`${'['.repeat(100_000)}{"__proto__":1}${']'.repeat(100_000)}`))).toMatch(/__proto__$/);
  });
});
