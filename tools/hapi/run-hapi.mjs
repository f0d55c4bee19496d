#!/usr/bin/env node
// `npm run hapi`: HAPI FHIR R4 (tools/hapi-fhir-server) on http://127.0.0.1:8090/fhir (HAPI_PORT changes the
// port), loaded with the demo patients and published vignettes by the product's own loader, until Ctrl-C.
import { buildHapi, startHapi } from './hapi-server.mjs';
import { buildService, loadDemo } from './build-service.mjs';

const port = Number(process.env.HAPI_PORT ?? 8090);
let hapi;
let stopping = false;
const stop = async (code) => {
  if (stopping) {
    return;
  }
  stopping = true;
  console.log('\nHAPI: stopping…');
  await hapi?.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  buildHapi();
  buildService();
  hapi = await startHapi({ port });
  console.log(`HAPI: answering after ${hapi.startSeconds.toFixed(0)} s; loading the demo data…`);
  loadDemo(hapi.baseUrl);
  console.log(
    `\nFHIR R4 server (HAPI): ${hapi.baseUrl}\n  e.g. CDS_AUTH=off FHIR_BASE_URL=${hapi.baseUrl} npm start (a local demo), or HAPI_FHIR_URL=${hapi.baseUrl} npm run test:hapi\nCtrl-C stops it.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
