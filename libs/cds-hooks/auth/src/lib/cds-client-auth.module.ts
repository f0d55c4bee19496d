import type { DynamicModule, OnModuleInit, Provider } from '@nestjs/common';
import { Inject, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CDS_CLIENT_GUARD } from '@pcb-cds/cds-hooks-api';
import { CdsClientAuthGuard } from './cds-client-auth.guard';
import type { CdsClientAuthOptions, CdsClientAuthSettings } from './cds-client-auth.options';
import { CDS_CLIENT_AUTH_SETTINGS, resolveAuthSettings } from './cds-client-auth.options';
import type { CdsClientJwtVerifierOptions } from './cds-client-jwt-verifier.options';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';

/**
 * CDS client authentication for the whole app (CDS Hooks 2.0 §Trusting CDS Clients):
 *
 *   CdsClientAuthModule.forRoot({ mode: 'on', trustedClients: loadTrustedClientsConfig(file), publicBaseUrl: 'https://cds.example.org' })
 *
 * `on` registers CdsClientAuthGuard as a global guard (and as CDS_CLIENT_GUARD, for the fast hook route); `off` registers nothing and says so loudly at
 * start-up. Options are checked here, so a bad configuration (mode `on` without a public base URL included) stops
 * start-up rather than the first call.
 */
@Module({})
export class CdsClientAuthModule implements OnModuleInit {
  private readonly logger = new Logger('CdsClientAuth');

  constructor(
    @Inject(CDS_CLIENT_AUTH_SETTINGS) private readonly settings: CdsClientAuthSettings,
    @Inject(CdsClientJwtVerifier) private readonly verifier: CdsClientJwtVerifier | null,
  ) {}

  static forRoot(options: CdsClientAuthOptions): DynamicModule {
    const settings = resolveAuthSettings(options);
    const verifier =
      settings.mode === 'on'
        ? new CdsClientJwtVerifier(options.trustedClients ?? { clients: [] }, verifierOptionsOf(options), options.sharedState?.replay)
        : null;
    // One guard instance under two tokens, run once per request: Nest runs it globally (APP_GUARD), the fast hook
    // route (which bypasses Nest's router) runs it first as CDS_CLIENT_GUARD.
    const guard: Provider[] = verifier
      ? [
          CdsClientAuthGuard,
          { provide: APP_GUARD, useExisting: CdsClientAuthGuard },
          { provide: CDS_CLIENT_GUARD, useExisting: CdsClientAuthGuard },
        ]
      : [];
    return {
      module: CdsClientAuthModule,
      providers: [
        { provide: CDS_CLIENT_AUTH_SETTINGS, useValue: settings },
        { provide: CdsClientJwtVerifier, useValue: verifier },
        ...guard,
      ],
      exports: [CdsClientJwtVerifier],
    };
  }

  onModuleInit(): void {
    if (!this.verifier) {
      this.logger.warn(
        'CDS client authentication is OFF: /cds-services accepts every caller without a JWT. ' +
          'Use this only for local demos, never where real patient data flows.',
      );
      return;
    }
    const issuers = this.verifier.trustedIssuers;
    this.logger.log(
      `CDS client authentication is ON for /cds-services; ${issuers.length} trusted client(s): ${issuers.join(', ') || 'none'}`,
    );
    this.logger.log(
      `A client JWT's aud must be one of: ${this.settings.audienceBaseUrls.map((base) => `${base}/cds-services…`).join(', ')}`,
    );
  }
}

function verifierOptionsOf(options: CdsClientAuthOptions): CdsClientJwtVerifierOptions {
  return {
    clockSkewSeconds: options.clockSkewSeconds,
    maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds,
    jwksTimeoutMs: options.jwksTimeoutMs,
    jwksCooldownMs: options.jwksCooldownMs,
    jwksCacheMaxAgeMs: options.jwksCacheMaxAgeMs,
    replayCacheMaxEntries: options.replayCacheMaxEntries,
    now: options.now,
  };
}
