import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureObservabilityHttp, ObservabilityModule } from '@pcb-cds/platform-observability';
import request from 'supertest';
import { HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';
import { CdsHooksApiModule } from './cds-hooks-api.module';
import { configureCdsHooksHttp } from './configure-cds-hooks-http';

// Access logs and request metrics name the hook endpoint by its route pattern whichever way served it: the fast
// hook route labels it through the observability library, the Nest route is Express's matched route.

const hook = { hook: 'patient-view', hookInstance: 'observed', context: { patientId: 'p1' } };

describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ defaultMetrics: false }),
        CdsHooksApiModule.register({ services: [new RecordingCdsService({ prefetch: {} })], rateLimit: false }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureObservabilityHttp(app);
    configureCdsHooksHttp(app, http);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts hook calls under the route /cds-services/:id, never their URL', async () => {
    await request(app.getHttpServer()).post('/cds-services/recording-service?x=1').send(hook).expect(200);
    await request(app.getHttpServer()).post('/CDS-Services/no-such-service').send(hook).expect(404);
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    const hookSeries = metrics.split('\n').filter((line) => line.startsWith('cds_requests_total{'));
    expect(hookSeries).toEqual([
      expect.stringMatching(
        /^cds_requests_total\{(?=.*service="recording-service")(?=.*route="\/cds-services\/:id")(?=.*status="200").*\} 1$/,
      ),
      expect.stringMatching(/^cds_requests_total\{(?=.*service="unknown")(?=.*route="\/cds-services\/:id")(?=.*status="404").*\} 1$/),
    ]);
    expect(metrics).not.toContain('no-such-service');
  });
});
