import { Logger } from '@nestjs/common';
import { LoggingFeedbackSink } from './logging-feedback.sink';

describe('LoggingFeedbackSink', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs service, card uuid and outcome, and not the clinician comment', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await new LoggingFeedbackSink().record('svc', [
      {
        card: '9368d37b-283f-44a0-93ea-547cebab93ed',
        outcome: 'overridden',
        overrideReason: { userComment: 'Patient Jane Doe refused' },
        outcomeTimestamp: '2020-12-11T00:00:00Z',
      },
    ]);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0][0]);
    expect(line).toBe('feedback service=svc card=9368d37b-283f-44a0-93ea-547cebab93ed outcome=overridden');
    expect(line).not.toContain('Jane');
  });
});
