import { Logger } from '@nestjs/common';
import type { TrustedClientsConfig } from '@pcb-cds/cds-hooks-auth';
import { loadTrustedClientsConfig, resolveAuthSettings, TrustedClientsConfigError } from '@pcb-cds/cds-hooks-auth';
import type { AppConfig } from './app-config';
import { ConfigError } from './app-config';
import type { AppModule } from './app.module';

/** CDS client authentication as configured; trusted clients are read only when it is on. */
export function authSettings(
  config: AppConfig,
  viewer?: TrustedClientsConfig['clients'][number],
): Parameters<typeof AppModule.forRoot>[0]['auth'] {
  if (config.auth.mode === 'off') {
    Logger.warn(
      `CDS client authentication is OFF (${config.auth.reason === 'zero-setup demo' ? 'zero-setup demo: no FHIR_BASE_URL' : 'CDS_AUTH=off'}). Never expose this service to an EHR like this.`,
      'auth',
    );
    return { mode: 'off' };
  }
  if (config.publicBaseUrl === undefined && config.acceptedAudiences.length === 0) {
    // A client JWT's aud is checked against the service's own URL; rebuilt from the Host header, a caller could
    // present a token minted for another service by naming that service's host.
    throw new ConfigError(
      'With client authentication on, set PUBLIC_BASE_URL (the URL EHRs call, e.g. https://cds.example.org) ' +
        'or CDS_ACCEPTED_AUDIENCES (comma-separated base URLs): a client JWT aud must be one of them + the path called',
    );
  }
  try {
    const trusted = loadTrustedClientsConfig(config.trustedClientsFile);
    const settings: Parameters<typeof AppModule.forRoot>[0]['auth'] = {
      mode: 'on',
      trustedClients: {
        clients: [...trusted.clients, ...(viewer ? [viewer] : [])],
      },
      publicBaseUrl: config.publicBaseUrl,
      acceptedAudienceBaseUrls: config.acceptedAudiences,
      authFailuresPerMinute: config.authFailuresPerMinute,
    };
    checkAudiences(settings);
    return settings;
  } catch (error) {
    throw error instanceof TrustedClientsConfigError
      ? new ConfigError(`CDS_TRUSTED_CLIENTS_FILE ${config.trustedClientsFile}: ${error.message}`)
      : error;
  }
}

/** The audience URLs checked now, so a malformed one is reported as a configuration error naming the variables. */
function checkAudiences(settings: Parameters<typeof AppModule.forRoot>[0]['auth']): void {
  try {
    resolveAuthSettings(settings);
  } catch (error) {
    throw new ConfigError(`PUBLIC_BASE_URL / CDS_ACCEPTED_AUDIENCES: ${(error as Error).message}`);
  }
}
