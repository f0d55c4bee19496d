/** A readiness probe: the URL must answer 2xx before the signal fires. */
export async function expectOk(url: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    throw new Error(`${url} answered ${res.status}`);
  }
}
