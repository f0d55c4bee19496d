package org.pcbcds.hapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A HAPI FHIR R4 JPA server for pcb-cds's tests: HAPI's own JPA and REST modules, in-memory H2, on loopback.
 *
 * <p>Only the embedded web server is auto-configured: the persistence and FHIR beans are HAPI's own
 * configuration classes plus the few beans HAPI expects an application to provide (see the imported classes),
 * so no Spring Boot JPA/DataSource/Quartz auto-configuration competes with HAPI's.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class})
@Import({ServerSettings.class, PersistenceConfig.class, HapiModulesConfig.class, FhirEndpointConfig.class})
public class HapiFhirServerApplication {
	public static void main(String[] args) {
		SpringApplication.run(HapiFhirServerApplication.class, args);
	}
}
