// What the fleet test proves, one scenario each, run in this order on one fleet. A scenario throws to fail.
// To add one (e.g. "a card overridden on one replica is held back on another"), append { name, run }: `run`
// gets the fleet (replicas, publicBase, replicaUrl(), feedbackRows(), pg) and `clients` (FleetClients by role).
import { call, feedbackRequest, patientViewRequest } from './fleet-client.mjs';
import { describeLoad, runLoad } from './load.mjs';
import { connect, createServer } from 'node:net';
import { freePort, RATE_LIMIT_PER_MINUTE, REDIS_URL } from './fleet.mjs';

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const portOf = (replica) => `127.0.0.1:${replica.port}`;
const upstreams = (res) => res.upstream.split(/,\s*/).filter(Boolean);

/** Acknowledged feedback (200) must be in PostgreSQL exactly once. */
async function checkAcknowledgedStored(fleet, results) {
  const acknowledged = results.filter((r) => r.kind === 'feedback' && r.status === 200).map((r) => r.card);
  check(acknowledged.length > 0, 'no feedback was acknowledged at all');
  const rows = await fleet.feedbackRows(acknowledged);
  const missing = acknowledged.filter((card) => rows.get(card) !== 1);
  check(missing.length === 0, `${missing.length} of ${acknowledged.length} acknowledged feedback messages are not stored exactly once`);
  return acknowledged.length;
}

/** A TCP proxy to Redis on loopback, killed (listener and connections) to take Redis away from one replica. */
async function killableRedisProxy() {
  const target = new URL(REDIS_URL);
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `redis://127.0.0.1:${server.address().port}${target.pathname}`,
    kill: () =>
      new Promise((ok) => {
        server.close(() => ok());
        sockets.forEach((s) => s.destroy());
      }),
  };
}

/** Waits until nginx sends to `replica` again (after its fail_timeout), so that no two replicas are skipped at once. */
async function untilBalancedTo(fleet, replica) {
  for (let i = 0; i < 200; i++) {
    const res = await call(fleet.publicBase, '/health');
    if (upstreams(res)[0] === portOf(replica)) {
      return;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`nginx never sent to restarted replica ${replica.index}`);
}

export const scenarios = [
  {
    name: 'a token used on one replica is refused on the others',
    run: async (fleet, clients) => {
      const audience = `${fleet.publicBase}/cds-services`;
      const token = await clients.replay.token(audience);
      const first = await call(fleet.publicBase, '/cds-services', { authorization: token });
      check(first.status === 200, `first use through the balancer answered ${first.status}`);
      for (const replica of fleet.replicas) {
        const again = await call(fleet.replicaUrl(replica), '/cds-services', { authorization: token });
        check(again.status === 401, `replica ${replica.index} answered ${again.status} to a used token`);
      }
      const viaBalancer = await call(fleet.publicBase, '/cds-services', { authorization: token });
      check(viaBalancer.status === 401, `the balancer answered ${viaBalancer.status} to a used token`);
      return `used on ${first.upstream}, then refused (401) by all ${fleet.replicas.length} replicas`;
    },
  },
  {
    name: 'the rate limit counts one client across replicas',
    run: async (fleet, clients) => {
      const audience = `${fleet.publicBase}/cds-services`;
      const served = new Set();
      for (let i = 0; i < RATE_LIMIT_PER_MINUTE; i++) {
        const res = await call(fleet.publicBase, '/cds-services', { authorization: await clients.limited.token(audience) });
        check(res.status === 200, `request ${i + 1} of ${RATE_LIMIT_PER_MINUTE} answered ${res.status}`);
        served.add(upstreams(res).at(-1));
      }
      check(served.size === fleet.replicas.length, `the balancer spread the requests over ${served.size} replicas only`);
      const over = await call(fleet.publicBase, '/cds-services', { authorization: await clients.limited.token(audience) });
      check(over.status === 429, `request ${RATE_LIMIT_PER_MINUTE + 1} answered ${over.status}, not 429`);
      for (const replica of fleet.replicas) {
        const direct = await call(fleet.replicaUrl(replica), '/cds-services', { authorization: await clients.limited.token(audience) });
        check(direct.status === 429, `replica ${replica.index} answered ${direct.status} once the client had used its budget elsewhere`);
      }
      return `${RATE_LIMIT_PER_MINUTE} served over ${served.size} replicas, then 429 on every replica`;
    },
  },
  {
    name: 'feedback sent through the balancer is stored once',
    run: async (fleet, clients) => {
      const hookPath = '/cds-services/pcb-evaluation';
      const cards = await call(fleet.publicBase, hookPath, {
        method: 'POST',
        body: patientViewRequest(),
        authorization: await clients.feedback.token(fleet.publicBase + hookPath),
      });
      check(
        cards.status === 200 && cards.body?.cards?.length > 0,
        `the hook call answered ${cards.status} with ${cards.body?.cards?.length ?? 0} cards`,
      );
      const card = cards.body.cards[0].uuid;
      const message = feedbackRequest(card);
      const path = '/cds-services/pcb-evaluation/feedback';
      const seen = new Set();
      // The same message sent three times (an EHR retrying), landing on different replicas.
      for (let i = 0; i < 3; i++) {
        const res = await call(fleet.publicBase, path, {
          method: 'POST',
          body: message,
          authorization: await clients.feedback.token(fleet.publicBase + path),
        });
        check(res.status === 200, `feedback try ${i + 1} answered ${res.status}`);
        seen.add(upstreams(res).at(-1));
      }
      const rows = await fleet.feedbackRows([card]);
      check(rows.get(card) === 1, `the feedback is stored ${rows.get(card) ?? 0} times`);
      return `sent 3 times to ${seen.size} replicas, stored once`;
    },
  },
  {
    name: 'a card overridden on one replica is held back on another',
    run: async (fleet, clients) => {
      const patientId = 'fleet-card-memory';
      const hookPath = '/cds-services/pcb-evaluation';
      const open = (base) =>
        clients.memory
          .token(fleet.publicBase + hookPath)
          .then((t) => call(base, hookPath, { method: 'POST', body: patientViewRequest(patientId), authorization: t }));
      const first = await open(fleet.publicBase);
      check(first.status === 200, `the first chart open answered ${first.status}`);
      const issuer = upstreams(first).at(-1);
      // A routine card (urgent and emergency cards are never held back), dismissed as done elsewhere.
      const card = first.body.cards.find((c) => !/^(URGENT|EMERGENCY)/i.test(c.summary));
      check(card, `no routine card among: ${first.body.cards.map((c) => c.summary).join(' | ')}`);
      const doneElsewhere = card.overrideReasons?.find((r) => r.code === 'done-elsewhere') ?? {
        system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons',
        code: 'done-elsewhere',
      };
      check(await fleet.cardIssued(card.uuid), 'the issued card never reached the card ledger');
      const feedbackPath = '/cds-services/pcb-evaluation/feedback';
      const override = {
        feedback: [
          { card: card.uuid, outcome: 'overridden', overrideReason: { reason: doneElsewhere }, outcomeTimestamp: new Date().toISOString() },
        ],
      };
      const overridden = await call(fleet.publicBase, feedbackPath, {
        method: 'POST',
        body: override,
        authorization: await clients.memory.token(fleet.publicBase + feedbackPath),
      });
      check(overridden.status === 200, `the override answered ${overridden.status}`);
      const rules = card.extension?.['org.pcb-cds.rules'] ?? [];
      for (const replica of fleet.replicas.filter((r) => portOf(r) !== issuer)) {
        const again = await open(fleet.replicaUrl(replica));
        check(again.status === 200, `replica ${replica.index} answered ${again.status}`);
        const shown = again.body.cards.filter((c) => JSON.stringify(c.extension?.['org.pcb-cds.rules'] ?? []) === JSON.stringify(rules));
        check(shown.length === 0, `replica ${replica.index} showed the overridden card (${rules.join(', ')}) again`);
        const held = again.body.extension?.['org.pcb-cds.suppressed'];
        check(
          held?.cards?.some((c) => JSON.stringify(c.rules) === JSON.stringify(rules)),
          `replica ${replica.index} does not list ${rules.join(', ')} as held back`,
        );
      }
      return `${rules.join(', ')} issued by ${issuer}, overridden via ${overridden.upstream}, held back by the ${fleet.replicas.length - 1} other replicas`;
    },
  },
  {
    name: 'a replica whose Redis goes away fails closed: 503 with an OperationOutcome, /ready 503',
    run: async (fleet, clients) => {
      const proxy = await killableRedisProxy();
      // A fourth replica, outside the balancer, reaching the fleet's Redis through the proxy.
      const replica = { index: 'redis-outage', port: await freePort(), redisUrl: proxy.url };
      try {
        await fleet.startReplica(replica);
        const base = fleet.replicaUrl(replica);
        const audience = `${fleet.publicBase}/cds-services`;
        const before = await call(base, '/cds-services', { authorization: await clients.outage.token(audience) });
        check(before.status === 200, `with Redis, discovery answered ${before.status}`);
        await proxy.kill();
        const token = await clients.outage.token(audience);
        const during = await call(base, '/cds-services', { authorization: token });
        check(during.status === 503, `without Redis, a valid token got ${during.status}, not 503`);
        check(
          during.body?.resourceType === 'OperationOutcome' && during.body.issue?.[0]?.code === 'transient',
          `the 503 is not a transient OperationOutcome: ${JSON.stringify(during.body)}`,
        );
        const hookPath = '/cds-services/pcb-evaluation';
        const hook = await call(base, hookPath, {
          method: 'POST',
          body: patientViewRequest(),
          authorization: await clients.outage.token(fleet.publicBase + hookPath),
        });
        check(hook.status === 503, `without Redis, a hook call got ${hook.status}, not 503`);
        // /ready reuses a result for up to 1 s (a flood of probes must not become a flood of checks).
        let ready;
        for (let i = 0; i < 50 && ready?.status !== 503; i++) {
          ready = await call(base, '/ready');
          await new Promise((ok) => setTimeout(ok, 100));
        }
        check(ready.status === 503, `without Redis, /ready still answered ${ready.status} after 5 s`);
        // The token refused during the outage was never recorded: the fleet still accepts it once.
        const later = await call(fleet.publicBase, '/cds-services', { authorization: token });
        check(later.status === 200, `the token refused with 503 was then refused by the fleet too (${later.status})`);
        return 'discovery and hook calls 503 (transient), /ready 503; the refused token was not used up';
      } finally {
        await proxy.kill();
        if (replica.child) {
          await fleet.kill(replica);
        }
      }
    },
  },
  {
    name: 'SIGKILL of one replica under load loses no acknowledged feedback, and nginx stops sending to it',
    run: async (fleet, clients) => {
      const victim = fleet.replicas[0];
      const workers = 6;
      let killed = false;
      const load = runLoad(fleet, clients.load, {
        workers,
        total: 160,
      });
      // Kill once a quarter of the load is under way (bounded: the load ends by itself).
      const killer = (async () => {
        // Errors end up in `killed` staying false, reported below (never an unhandled rejection).
        for (let i = 0; i < 300 && !killed; i++) {
          if ((await fleet.feedbackRowCount()) >= 20) {
            await fleet.kill(victim);
            killed = true;
          }
          await new Promise((ok) => setTimeout(ok, 20));
        }
      })();
      const results = await load;
      await killer.catch(() => undefined);
      check(killed, 'the load ended before the replica could be killed');
      const stored = await checkAcknowledgedStored(fleet, results);
      // Only requests in flight on the victim at the kill may fail (each at most once per worker).
      const failed = results.filter((r) => r.status !== 200);
      check(
        failed.length <= workers,
        `${failed.length} requests failed (more than the ${workers} that can be in flight): ${describeLoad(results)}`,
      );
      // Right after: requests go to the live replicas only (at most one probe of the dead one per fail_timeout, retried).
      const after = [];
      for (let i = 0; i < 20; i++) {
        after.push(
          await call(fleet.publicBase, '/cds-services', { authorization: await clients.load[i].token(`${fleet.publicBase}/cds-services`) }),
        );
      }
      check(
        after.every((r) => r.status === 200),
        `after the kill, discovery answered ${after.map((r) => r.status).join(',')}`,
      );
      const probes = after.filter((r) => upstreams(r).includes(portOf(victim))).length;
      // Round robin without passive health checks would send ~7 of 20 there; nginx tries it again once per fail_timeout.
      check(probes <= 2, `nginx still sent ${probes} of 20 requests to the killed replica`);
      await fleet.restart(victim);
      return `${describeLoad(results)}; ${stored} acknowledged feedback stored once each; ${failed.length} failed in flight; ${probes} of 20 later requests probed the dead replica (and were retried)`;
    },
  },
  {
    name: 'a rolling restart (SIGTERM one replica at a time) fails no request',
    run: async (fleet, clients) => {
      let done = false;
      // Paced, and spread over 50 clients, so that no client reaches its rate limit whatever the restarts take.
      const load = runLoad(fleet, clients.load.slice(10), { workers: 4, total: 1_500, pauseMs: 30, stop: () => done });
      try {
        for (const replica of fleet.replicas) {
          await fleet.terminate(replica);
          await fleet.restart(replica);
          // The next replica goes only once nginx sends to this one again: never two out at once.
          await untilBalancedTo(fleet, replica);
        }
      } finally {
        done = true;
      }
      const results = await load;
      const failed = results.filter((r) => r.status !== 200);
      check(failed.length === 0, `${failed.length} requests failed: ${describeLoad(results)}; first: ${JSON.stringify(failed[0])}`);
      const stored = await checkAcknowledgedStored(fleet, results);
      return `${describeLoad(results)}; ${stored} acknowledged feedback stored once each`;
    },
  },
];
