/**
 * Nest token of the guard that authenticates CDS clients, when the app has one (the auth library provides
 * it alongside its global guard). The hook route runs it first, as Nest runs global guards first.
 */
export const CDS_CLIENT_GUARD = Symbol('CDS_CLIENT_GUARD');
