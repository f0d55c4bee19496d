import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CdsHooksApiModule } from '@pcb-cds/cds-hooks-api';
import { defaultParameters } from '@pcb-cds/postcoital-bleeding-facts';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { AppConfig } from './app-config';

/** Wiring only: the protocol layer serves the postcoital-bleeding service. */
@Module({})
export class AppModule {
  static forRoot(config: Pick<AppConfig, 'jurisdiction' | 'prefetchTimeoutMs' | 'evaluationDate'>): DynamicModule {
    const pinned = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : undefined;
    const service = new PostcoitalBleedingCdsService({
      parameters: defaultParameters(config.jurisdiction),
      terminology: defaultTerminology,
      clock: () => pinned ?? new Date(),
    });
    return {
      module: AppModule,
      imports: [CdsHooksApiModule.register({ services: [service], prefetchTimeoutMs: config.prefetchTimeoutMs })],
    };
  }
}
