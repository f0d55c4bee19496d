/**
 * Nest token of the guard that authenticates CDS clients, when the app has one (the auth library provides it
 * alongside its global guard, the same instance). On the hook endpoint's Nest route Nest runs it as a global guard;
 * the fast hook route, which does not pass through Nest's guards, runs it under this token, first, before
 * HOOK_ENDPOINT_GUARDS. An app that authenticates clients with a global guard of its own must provide it under
 * this token too.
 */
export const CDS_CLIENT_GUARD = Symbol('CDS_CLIENT_GUARD');
