import type { FhirRequest } from '../core/actions/plan-actions.js';
import type { FhirResource } from '../core/hooks/cds-wire.js';
import type { BundleJson, PatientJson } from '../core/fhir/fhir-json.js';
import { bundleResources, nextPageUrl } from '../core/fhir/fhir-json.js';
import { requestJson } from './http.js';

const FHIR_JSON = 'application/fhir+json';
/** Enough for a chart; a runaway `next` chain stops here. */
const MAX_PAGES = 10;

/** The FHIR server in use, read and written by the browser as an EHR's front end would. */
export class FhirApi {
  constructor(readonly baseUrl: string) {}

  /** The first 100 patients (`Patient?_count=100`), and whether the server has more. */
  async listPatients(): Promise<{ patients: PatientJson[]; more: boolean }> {
    const bundle = await this.get<BundleJson>('Patient?_count=100');
    const patients = bundleResources(bundle).filter((r): r is PatientJson => r.resourceType === 'Patient');
    return { patients, more: nextPageUrl(bundle) !== undefined };
  }

  async readPatient(id: string): Promise<PatientJson> {
    return this.get<PatientJson>(`Patient/${encodeURIComponent(id)}`);
  }

  /** The records the banner reads: Observations, Conditions and DiagnosticReports of the patient, every page. */
  async chartResources(patientId: string): Promise<FhirResource[]> {
    const patient = encodeURIComponent(patientId);
    const pages = await Promise.all(
      ['Observation', 'Condition', 'DiagnosticReport'].map((type) => this.searchAll(`${type}?patient=${patient}&_count=200`)),
    );
    return pages.flat();
  }

  /** One planned action (POST/PUT/DELETE); returns what the server answered, if anything. */
  async apply(request: FhirRequest): Promise<FhirResource | undefined> {
    return requestJson<FhirResource | undefined>({
      url: `${this.baseUrl}/${request.path}`,
      method: request.method,
      body: request.body,
      contentType: FHIR_JSON,
      target: 'FHIR server',
    });
  }

  private async searchAll(query: string): Promise<FhirResource[]> {
    const resources: FhirResource[] = [];
    let url: string | undefined = `${this.baseUrl}/${query}`;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const bundle: BundleJson = await requestJson<BundleJson>({ url, target: 'FHIR server' });
      resources.push(...bundleResources(bundle));
      url = nextPageUrl(bundle);
    }
    return resources;
  }

  private get<T>(path: string): Promise<T> {
    return requestJson<T>({ url: `${this.baseUrl}/${path}`, target: 'FHIR server' });
  }
}
