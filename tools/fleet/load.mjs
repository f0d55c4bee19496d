// Bounded load through the balancer: `workers` loops, at most `total` requests, alternating a hook call and
// a feedback message for a fresh card uuid; tokens rotate over a pool of clients so that no client reaches
// its rate limit (`pauseMs` paces each worker). Every answer is kept: status, the replicas nginx tried, the card uuid of feedback.
import { randomUUID } from 'node:crypto';
import { call, feedbackRequest, patientViewRequest } from './fleet-client.mjs';

export async function runLoad(fleet, clients, { workers, total, pauseMs = 0, stop = () => false }) {
  const results = [];
  let issued = 0;
  const worker = async () => {
    while (issued < total && !stop()) {
      const n = issued++;
      const client = clients[n % clients.length];
      if (n % 2 === 0) {
        const path = '/cds-services/pcb-evaluation';
        const res = await call(fleet.publicBase, path, {
          method: 'POST',
          body: patientViewRequest(),
          authorization: await client.token(fleet.publicBase + path),
        });
        results.push({ kind: 'hook', ...res, cards: res.body?.cards?.length ?? 0 });
      } else {
        const path = '/cds-services/pcb-evaluation/feedback';
        const card = randomUUID();
        const res = await call(fleet.publicBase, path, {
          method: 'POST',
          body: feedbackRequest(card),
          authorization: await client.token(fleet.publicBase + path),
        });
        results.push({ kind: 'feedback', card, ...res });
      }
      if (pauseMs > 0) {
        await new Promise((ok) => setTimeout(ok, pauseMs));
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** What a load run did, in one line for the report. */
export function describeLoad(results) {
  const byStatus = {};
  for (const r of results) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  }
  const retried = results.filter((r) => r.upstream.includes(',')).length;
  return `${results.length} requests, statuses ${JSON.stringify(byStatus)}, ${retried} retried by nginx on another replica`;
}
