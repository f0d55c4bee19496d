import { demoDataBundles } from './demo-data';

/**
 * The one-shot loader of docker-compose: POSTs every demo transaction Bundle to a FHIR server (HAPI).
 * Entries are PUTs with stable ids, so running it again changes nothing.
 */
export async function loadDemoPatients(fhirBaseUrl: string, today: Date, attempts = 60): Promise<number> {
  await waitForServer(fhirBaseUrl, attempts);
  const bundles = demoDataBundles(today);
  for (const bundle of bundles) {
    const res = await fetch(fhirBaseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    if (!res.ok) {
      throw new Error(`FHIR server rejected a demo bundle: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
    }
  }
  return bundles.length;
}

/** HAPI takes a minute or two to start; poll its CapabilityStatement. */
async function waitForServer(fhirBaseUrl: string, attempts: number): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(`${fhirBaseUrl}/metadata`, { headers: { accept: 'application/fhir+json' } });
      if (res.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  throw new Error(`FHIR server ${fhirBaseUrl} did not answer /metadata`);
}
