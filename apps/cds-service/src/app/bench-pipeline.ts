import { readFileSync } from 'node:fs';
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
 * HTTP), per demo patient and, when given, for a hook request read from a file (the HTTP bench's own
 * body), after a warm-up. Every evaluation gets its own freshly parsed copy of the request, as the
 * service does: re-using one object would let per-object caches answer from the previous run.
 */
const BATCH = 20;

function freshCopies(json: string, n: number): ResolvedHookRequest[] {
  return Array.from({ length: n }, () => JSON.parse(json) as ResolvedHookRequest);
}

export async function benchPipeline(
  service: PostcoitalBleedingCdsService,
  today: Date,
  options: { iterations?: number; requestFile?: string } = {},
): Promise<PipelineTiming[]> {
  const iterations = options.iterations ?? 2000;
  const requests: { label: string; json: string }[] = DEMO_PATIENTS.map((patient) => ({
    label: patient.id,
    json: JSON.stringify({
      hook: 'patient-view',
      hookInstance: 'bench',
      context: { patientId: patient.id },
      prefetch: { bundle: patient.bundle(today) },
    }),
  }));
  if (options.requestFile) {
    const json = readFileSync(options.requestFile, 'utf8');
    // Last, so that it runs in a process the demo patients have warmed up, as a serving process is.
    requests.push({ label: `${(JSON.parse(json) as ResolvedHookRequest).context.patientId} (bench request, ${json.length} bytes)`, json });
  }
  const timings: PipelineTiming[] = [];
  for (const { label, json } of requests) {
    let cards = 0;
    // A long warm-up: under load the service has long been optimised by the JIT; a cold pipeline is 2–3× slower.
    for (const request of freshCopies(json, iterations)) {
      cards = (await service.handle(request)).cards.length;
    }
    // Copies are parsed in small batches outside the timed part: a thousand live 40 KB requests would
    // time the garbage collector's old generation instead of the pipeline.
    let elapsed = 0;
    for (let done = 0; done < iterations; done += BATCH) {
      const batch = freshCopies(json, BATCH);
      const start = performance.now();
      for (const request of batch) {
        await service.handle(request);
      }
      elapsed += performance.now() - start;
    }
    timings.push({ patientId: label, microsecondsPerEvaluation: Math.round((elapsed / iterations) * 1000), cards });
  }
  return timings;
}
