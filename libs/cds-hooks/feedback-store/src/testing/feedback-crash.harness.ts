// A child process for the crash test: a tiny HTTP endpoint that answers 200 to a feedback post only after
// the sink's `record` resolved. Run: node -r ts-node/register/transpile-only feedback-crash.harness.ts
// Environment: HARNESS_SQLITE_PATH or HARNESS_DATABASE_URL (+ HARNESS_PG_SCHEMA); HARNESS_ACK=before-write
// swaps in a deliberately wrong sink (acknowledges, writes later) to show that the test can fail.
import './register-workspace-paths';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { createFeedbackRepository } from '../lib/create-feedback-repository';
import { DurableFeedbackSink } from '../lib/durable-feedback.sink';
import type { FeedbackRepository } from '../lib/feedback.repository';

interface Sink {
  record(serviceId: string, entries: FeedbackEntry[]): Promise<void>;
}

/** WRONG on purpose: acknowledges at once and writes only when 10 000 entries have piled up. */
class WriteBehindSink implements Sink {
  private readonly pending: FeedbackEntry[] = [];

  constructor(private readonly durable: DurableFeedbackSink) {}

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    this.pending.push(...entries);
    if (this.pending.length >= 10_000) {
      await this.durable.record(serviceId, this.pending.splice(0));
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function handler(sink: Sink): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req)
      .then((body) => sink.record('crash-test', (JSON.parse(body) as { feedback: FeedbackEntry[] }).feedback))
      .then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
        () => res.writeHead(503).end(),
      );
  };
}

async function main(): Promise<void> {
  const repository: FeedbackRepository = createFeedbackRepository({
    databaseUrl: process.env['HARNESS_DATABASE_URL'],
    sqlitePath: process.env['HARNESS_SQLITE_PATH'],
    postgres: { schema: process.env['HARNESS_PG_SCHEMA'] },
  });
  await repository.init();
  const durable = new DurableFeedbackSink(repository);
  const sink = process.env['HARNESS_ACK'] === 'before-write' ? new WriteBehindSink(durable) : durable;
  const server = createServer(handler(sink));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`harness failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
