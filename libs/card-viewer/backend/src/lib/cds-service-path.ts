/** CDS Hooks service ids are URL path segments; anything else never reaches the upstream URL. */
const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isServiceId(value: string): boolean {
  return SERVICE_ID.test(value) && value !== '.' && value !== '..';
}

/** `/cds-services`, `/cds-services/{id}` or `/cds-services/{id}/feedback`. */
export function cdsServicesPath(serviceId?: string, feedback = false): string {
  if (serviceId === undefined) {
    return '/cds-services';
  }
  if (!isServiceId(serviceId)) {
    throw new Error(`Not a CDS service id: ${JSON.stringify(serviceId)}`);
  }
  return `/cds-services/${serviceId}${feedback ? '/feedback' : ''}`;
}
