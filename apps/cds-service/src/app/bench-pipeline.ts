import { performance } from 'node:perf_hooks';
import type { ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';

export interface PipelineTiming {
  patientId: string;
  microsecondsPerEvaluation: number;
  cards: number;
}

/**
 * The micro-benchmark of `npm run bench`: prefetch → record → facts → rules → cards in-process (no
 * HTTP, no JSON), per demo patient, after a warm-up.
 */
export async function benchPipeline(service: PostcoitalBleedingCdsService, today: Date, iterations = 2000): Promise<PipelineTiming[]> {
  const timings: PipelineTiming[] = [];
  for (const patient of DEMO_PATIENTS) {
    const request: ResolvedHookRequest = {
      hook: 'patient-view',
      hookInstance: 'bench',
      context: { patientId: patient.id },
      prefetch: { bundle: patient.bundle(today) as unknown as ResolvedHookRequest['prefetch'][string] },
    };
    let cards = 0;
    for (let i = 0; i < iterations / 4; i++) {
      cards = (await service.handle(request)).cards.length;
    }
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      await service.handle(request);
    }
    timings.push({ patientId: patient.id, microsecondsPerEvaluation: Math.round(((performance.now() - start) / iterations) * 1000), cards });
  }
  return timings;
}
