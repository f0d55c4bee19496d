// Where a hook call's CPU goes: a V8 CPU profile of the service (node --cpu-prof) folded into the stages of
// the request path. Each sample is charged to the innermost stage found on its stack, so a stage's share
// excludes the stages it calls (e.g. "guideline: patient record" excludes the terminology it asks).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const inModules = (f, ...names) => names.some((name) => f.url.includes(`node_modules/${name}/`));
const named = (f, pattern) => pattern.test(f.functionName);

/** In the order they are tried; the first match on the way up the stack wins. */
const STAGES = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
  [
    'JSON.parse of the body',
    (f) => named(f, /^(parseJsonBytes|parseBody)$/) || (f.functionName === 'parse' && inModules(f, 'body-parser')),
  ],
  [
    'nesting-depth and prototype-key checks',
    (f) => named(f, /^(exceedsJsonNestingDepth|findPrototypePollutionKey|hasPrototypePollutionKey|closingQuote)$/),
  ],
  ['request validation', (f) => named(f, /^validateHookRequest$/)],
  ['guideline: patient record (prefetch → chart)', (f) => named(f, /^toPatientRecord$/)],
  ['guideline: facts', (f) => named(f, /^deriveFacts$/)],
  ['guideline: rules', (f) => named(f, /^evaluatePostcoitalBleeding$/)],
  ['guideline: cards', (f) => named(f, /^toCards$/)],
  ['guideline: other', (f) => named(f, /^(evaluateGuideline|handle)$/) && f.url.includes('main.js')],
  ['response normalisation', (f) => named(f, /^normalizeResponse$/)],
  [
    'card ledger (hash, SQLite batch)',
    (f) => named(f, /^(remember|recordIssued|recordIssuedCards|toRecords|flush)$/) || inModules(f, 'better-sqlite3'),
  ],
  ['response JSON + write', (f) => named(f, /^send$/) && f.url.includes('main.js')],
  ['deadline, prefetch resolution', (f) => named(f, /^(runWithDeadline|resolvePrefetch|withPrefetchWarnings|forService)$/)],
  ['access log, metrics, request context', (f) => named(f, /^(observe|record|recordRequest|runWithRequestContext)$/)],
  ['Express routing', (f) => inModules(f, 'express', 'router', 'finalhandler', 'parseurl', '@nestjs')],
  [
    'Node HTTP and socket I/O',
    (f) =>
      /^node:(_http|net|events|internal\/(streams|stream_base|http))/.test(f.url) ||
      named(f, /^(writev|writeUtf8String|writeLatin1String)$/),
  ],
];

/**
 * @param dir where node --cpu-prof wrote the profile
 * @param skipSeconds leading seconds to leave out (start-up, warm-up)
 * @param cpuMsPerRequest the measured CPU per request, to turn shares into µs
 */
export function cpuProfileBreakdown(dir, skipSeconds, cpuMsPerRequest) {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .pop();
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parentOf.set(child, node.id);
    }
  }
  const samples = new Map();
  let elapsedUs = 0;
  profile.samples.forEach((id, i) => {
    elapsedUs += profile.timeDeltas[i];
    if (elapsedUs < skipSeconds * 1e6) {
      return;
    }
    let stage = 'other (JavaScript and native code outside these stages)';
    for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
      const frame = byId.get(cur).callFrame;
      const found = STAGES.find(([, test]) => test(frame));
      if (found) {
        stage = found[0];
        break;
      }
    }
    samples.set(stage, (samples.get(stage) ?? 0) + 1);
  });
  samples.delete('idle');
  const busy = [...samples.values()].reduce((a, b) => a + b, 0);
  return [...samples]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, n]) => ({
      stage,
      share: Math.round((1000 * n) / busy) / 10,
      microsecondsPerRequest: Math.round((cpuMsPerRequest * 1000 * n) / busy),
    }));
}
