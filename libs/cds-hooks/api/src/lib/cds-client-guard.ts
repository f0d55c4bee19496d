/**
 * Nest token of the guard that authenticates CDS clients, when the app has one (the auth library provides
 * it alongside its global guard). The hook route runs it first, as Nest runs global guards first. An app that
 * authenticates clients with a global guard of its own must provide it under this token too: the hook route
 * (POST /cds-services/{id}) does not pass through Nest's guards.
 */
export const CDS_CLIENT_GUARD = Symbol('CDS_CLIENT_GUARD');
