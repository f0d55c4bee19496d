package org.pcbcds.hapi;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * The settings of this server, from application.properties or the environment (PCB_HAPI_* variables).
 * They mirror the HAPI starter image's settings that docker-compose.yml sets, so both servers answer alike.
 */
@Configuration
public class ServerSettings {
	/** FHIR base path below the web server's root (the starter image serves /fhir). */
	@Value("${pcb.hapi.fhir-path:/fhir}")
	String fhirPath;

	/** HAPI starter default_page_size / max_page_size. */
	@Value("${pcb.hapi.default-page-size:20}")
	int defaultPageSize;

	@Value("${pcb.hapi.max-page-size:200}")
	int maxPageSize;

	/** 0: every search runs anew (HAPI's default reuses a search's results for 60 s, stale after a write). */
	@Value("${pcb.hapi.reuse-cached-search-results-millis:0}")
	long reuseCachedSearchResultsMillis;

	/** Absolute references to other servers are kept as they are (compose: allow_external_references). */
	@Value("${pcb.hapi.allow-external-references:true}")
	boolean allowExternalReferences;

	/** CORS origin pattern for browsers (the card viewer) calling this server directly. */
	@Value("${pcb.hapi.cors-allowed-origin:*}")
	String corsAllowedOrigin;

	@Value("${pcb.hapi.h2-url:jdbc:h2:mem:pcb_hapi;DB_CLOSE_DELAY=-1}")
	String h2Url;

	@Value("${pcb.hapi.max-db-connections:10}")
	int maxDbConnections;
}
