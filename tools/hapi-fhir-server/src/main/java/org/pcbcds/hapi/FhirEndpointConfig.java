package org.pcbcds.hapi;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/** The FHIR REST endpoint: HAPI's RestfulServer with the JPA resource providers, served at {@code /fhir}. */
@Configuration
public class FhirEndpointConfig {
	@Bean
	public RestfulServer restfulServer(
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			DatabaseBackedPagingProvider pagingProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			ServerSettings settings) {
		RestfulServer server = new RestfulServer(systemDao.getContext());
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport));
		pagingProvider.setDefaultPageSize(settings.defaultPageSize);
		pagingProvider.setMaximumPageSize(settings.maxPageSize);
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		// Paging links point at the address the client used (127.0.0.1 stays 127.0.0.1).
		server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
		server.registerInterceptor(new CorsInterceptor(corsConfiguration(settings.corsAllowedOrigin)));
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server, ServerSettings settings) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(server, settings.fhirPath + "/*");
		registration.setLoadOnStartup(1);
		return registration;
	}

	private static CorsConfiguration corsConfiguration(String allowedOrigin) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOriginPattern(allowedOrigin);
		cors.setAllowedHeaders(List.of("Origin", "Accept", "Content-Type", "Authorization", "Cache-Control", "Prefer", "If-None-Exist", "If-Match"));
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag"));
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"));
		return cors;
	}
}
