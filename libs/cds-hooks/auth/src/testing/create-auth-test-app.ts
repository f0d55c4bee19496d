import type { INestApplication } from '@nestjs/common';
import { Controller, Get, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import type { Server } from 'node:http';
import type { CdsResponse, CdsService, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksHttpOptions } from '@pcb-cds/cds-hooks-api';
import { CdsHooksApiModule, configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { CapturingLogger } from '@pcb-cds/cds-hooks-api/testing';
import { CdsClientAuthModule } from '../lib/cds-client-auth.module';
import type { CdsClientAuthOptions } from '../lib/cds-client-auth.options';
import type { VerifiedClient } from '../lib/verified-client';
import { cdsClientOf } from '../lib/verified-client';

// The HTTP stack of the integration tests: the production CDS Hooks wiring (bodyParser off +
// configureCdsHooksHttp) with this module, a fake service, /health, and a route that shows req.cdsClient.
// Only for this library's specs (not exported from testing.ts).

@Controller()
class ProbeController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  // Under /cds-services, so the guard checks it; GET never collides with the POST /cds-services/:id route.
  @Get('cds-services/_whoami')
  whoami(@Req() req: Request): { client: VerifiedClient | null } {
    return { client: cdsClientOf(req) ?? null };
  }
}

export class EchoService implements CdsService {
  readonly definition = { id: 'echo-service', hook: 'patient-view', title: 'Echo', description: 'Answers no cards' };
  readonly handled: ResolvedHookRequest[] = [];

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    this.handled.push(request);
    return { cards: [] };
  }
}

export interface AuthTestApp {
  app: INestApplication;
  server: Server;
  logger: CapturingLogger;
  service: EchoService;
  close(): Promise<void>;
}

/** `http`: options of configureCdsHooksHttp (e.g. which way the hook endpoint is served). */
export async function createAuthTestApp(auth: CdsClientAuthOptions, http: CdsHooksHttpOptions = {}): Promise<AuthTestApp> {
  const service = new EchoService();
  const moduleRef = await Test.createTestingModule({
    imports: [CdsHooksApiModule.register({ services: [service] }), CdsClientAuthModule.forRoot(auth)],
    controllers: [ProbeController],
  }).compile();
  const logger = new CapturingLogger();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger });
  configureCdsHooksHttp(app, http);
  await app.init();
  return { app, server: app.getHttpServer() as Server, logger, service, close: () => app.close() };
}
