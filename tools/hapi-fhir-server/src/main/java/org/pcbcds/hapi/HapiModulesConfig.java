package org.pcbcds.hapi;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** HAPI's R4 JPA server modules, and the storage settings the pcb-cds tests (and docker-compose.yml) rely on. */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	// HAPI's batch jobs and subscriptions talk through a message broker: in-process queues here.
	SubscriptionChannelConfig.class,
	SubscriptionSubmitterConfig.class,
	ThreadPoolFactoryConfig.class
})
public class HapiModulesConfig {
	@Bean
	public JpaStorageSettings storageSettings(ServerSettings settings) {
		JpaStorageSettings storage = new JpaStorageSettings();
		storage.setAllowExternalReferences(settings.allowExternalReferences);
		storage.setReuseCachedSearchResultsForMillis(settings.reuseCachedSearchResultsMillis);
		// HAPI's default, written out: client-assigned ids (the demo loader PUTs stable ids) must not be numeric.
		storage.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
		return storage;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	/** No subscription channel types are enabled: the tests never subscribe. */
	@Bean
	public SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	@Bean
	public IBinaryStorageSvc binaryStorage() {
		return new MemoryBinaryStorageSvcImpl();
	}
}
