import { Logger } from '@nestjs/common';
import type { TrustedClientsConfig } from '@pcb-cds/cds-hooks-auth';
import {
  loadTrustedClientsConfig,
  TrustedClientsConfigError,
} from '@pcb-cds/cds-hooks-auth';
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
  try {
    const trusted = loadTrustedClientsConfig(config.trustedClientsFile);
    return {
      mode: 'on',
      trustedClients: {
        clients: [...trusted.clients, ...(viewer ? [viewer] : [])],
      },
      publicBaseUrl: config.publicBaseUrl,
    };
  } catch (error) {
    throw error instanceof TrustedClientsConfigError
      ? new ConfigError(
          `CDS_TRUSTED_CLIENTS_FILE ${config.trustedClientsFile}: ${error.message}`,
        )
      : error;
  }
}
