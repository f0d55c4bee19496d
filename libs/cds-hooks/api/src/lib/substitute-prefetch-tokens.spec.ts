import { substitutePrefetchTokens, tokenValue } from './substitute-prefetch-tokens';

describe('substitutePrefetchTokens', () => {
  const context = { patientId: '1288992', encounterId: '89284', userId: 'Practitioner/example' };

  it('replaces {{context.<field>}} with root-level primitive context values', () => {
    expect(substitutePrefetchTokens('Patient/{{context.patientId}}', context)).toEqual({ ok: true, url: 'Patient/1288992' });
    expect(substitutePrefetchTokens('Observation?patient={{context.patientId}}&code=4548-4&_count=1&sort:desc=date', context)).toEqual({
      ok: true,
      url: 'Observation?patient=1288992&code=4548-4&_count=1&sort:desc=date',
    });
    expect(substitutePrefetchTokens('Encounter?_id={{context.encounterId}}&patient={{ context.patientId }}', context)).toEqual({
      ok: true,
      url: 'Encounter?_id=89284&patient=1288992',
    });
  });

  it('keeps a Type/id context value usable as a read ({{context.userId}})', () => {
    expect(substitutePrefetchTokens('{{context.userId}}', context)).toEqual({ ok: true, url: 'Practitioner/example' });
  });

  it('leaves a template without tokens unchanged', () => {
    expect(substitutePrefetchTokens('Medication?_count=1', context)).toEqual({ ok: true, url: 'Medication?_count=1' });
  });

  it.each([
    ['userPractitionerId', 'Practitioner/abc', 'abc'],
    ['userPractitionerRoleId', 'PractitionerRole/role-1', 'role-1'],
    ['userPatientId', 'Patient/p.1', 'p.1'],
    ['userRelatedPersonId', 'RelatedPerson/rp1', 'rp1'],
  ])('derives {{%s}} from context.userId %s', (token, userId, id) => {
    expect(substitutePrefetchTokens(`X?_id={{${token}}}`, { patientId: '1', userId })).toEqual({ ok: true, url: `X?_id=${id}` });
  });

  it('does not resolve a user token of another resource type than the user', () => {
    expect(
      substitutePrefetchTokens('PractitionerRole?_id={{userPractitionerRoleId}}&_include=PractitionerRole:practitioner', context),
    ).toEqual({ ok: false, unresolved: ['userPractitionerRoleId'] });
    expect(substitutePrefetchTokens('Patient/{{userPatientId}}', { patientId: '1' })).toEqual({ ok: false, unresolved: ['userPatientId'] });
  });

  it('reports a context field the request does not have', () => {
    expect(substitutePrefetchTokens('Encounter/{{context.encounterId}}', { patientId: '1' })).toEqual({
      ok: false,
      unresolved: ['context.encounterId'],
    });
  });

  it('does not use non-primitive, nested or empty context values (2.0: root-level primitives only)', () => {
    const rich = { patientId: '1', draftOrders: { resourceType: 'Bundle' }, selections: ['A/1'], empty: '' };
    expect(substitutePrefetchTokens('{{context.draftOrders}}', rich)).toEqual({ ok: false, unresolved: ['context.draftOrders'] });
    expect(substitutePrefetchTokens('{{context.selections}}', rich)).toEqual({ ok: false, unresolved: ['context.selections'] });
    expect(substitutePrefetchTokens('{{context.draftOrders.resourceType}}', rich)).toEqual({
      ok: false,
      unresolved: ['context.draftOrders.resourceType'],
    });
    expect(substitutePrefetchTokens('X?a={{context.empty}}', rich)).toEqual({ ok: false, unresolved: ['context.empty'] });
  });

  it('does not resolve 3.0 FHIRPath tokens or unknown names', () => {
    const result = substitutePrefetchTokens('Observation?patient={{context.patientId}}&date=gt{{today() - 90 days}}&x={{foo}}', context);
    expect(result).toEqual({ ok: false, unresolved: ['today() - 90 days', 'foo'] });
  });

  it('accepts number and boolean context values', () => {
    expect(substitutePrefetchTokens('X?n={{context.n}}&b={{context.b}}', { patientId: '1', n: 42, b: false })).toEqual({
      ok: true,
      url: 'X?n=42&b=false',
    });
  });

  it('percent-encodes values so a context value cannot add query parameters or a fragment', () => {
    expect(substitutePrefetchTokens('Condition?patient={{context.patientId}}', { patientId: '1&_count=999#x' })).toEqual({
      ok: true,
      url: 'Condition?patient=1%26_count%3D999%23x',
    });
  });

  it('refuses values with dot segments that would leave the resource path', () => {
    expect(tokenValue('context.patientId', { patientId: '../admin' })).toBeUndefined();
    expect(substitutePrefetchTokens('Patient/{{context.patientId}}', { patientId: '..' })).toEqual({
      ok: false,
      unresolved: ['context.patientId'],
    });
  });

  it('leaves a value with a lone surrogate unresolved rather than throwing (encodeURIComponent would: URIError)', () => {
    expect(() => encodeURIComponent('\udfff')).toThrow(URIError);
    expect(substitutePrefetchTokens('Patient/{{context.patientId}}', { patientId: '\udfff' })).toEqual({
      ok: false,
      unresolved: ['context.patientId'],
    });
    expect(substitutePrefetchTokens('Patient/{{context.patientId}}', { patientId: 'a😀' })).toEqual({
      ok: true,
      url: `Patient/${encodeURIComponent('a😀')}`,
    });
  });

  it('does not read inherited properties as context fields', () => {
    expect(tokenValue('context.constructor', { patientId: '1' })).toBeUndefined();
  });
});
