import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CdsHooksApiModule } from '@pcb-cds/cds-hooks-api';
import type { GuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';

/** Wiring only: the protocol layer serves the postcoital-bleeding service. */
@Module({})
export class AppModule {
  static forRoot(
    config: Pick<AppConfig, 'prefetchTimeoutMs' | 'evaluationDate'> & { guideline: GuidelineConfiguration },
  ): DynamicModule {
    const pinned = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : undefined;
    const service = new PostcoitalBleedingCdsService({ ...config.guideline, clock: () => pinned ?? new Date() });
    return {
      module: AppModule,
      imports: [CdsHooksApiModule.register({ services: [service], prefetchTimeoutMs: config.prefetchTimeoutMs })],
      providers: [{ provide: PostcoitalBleedingCdsService, useValue: service }],
      exports: [PostcoitalBleedingCdsService],
    };
  }
}
