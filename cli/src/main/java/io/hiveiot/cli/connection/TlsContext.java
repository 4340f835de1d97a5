package io.hiveiot.cli.connection;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.hiveiot.cli.exit.UsageProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;

/** Turns {@link TlsSettings} into the MQTT client's TLS configuration. */
final class TlsContext {

    private TlsContext() {}

    static MqttClientSslConfig of(final TlsSettings settings) {
        final var builder = MqttClientSslConfig.builder();
        if (settings.insecure()) {
            // Development brokers with self-signed certificates: the user asked for no verification.
            return builder.trustManagerFactory(TrustingEverything.factory())
                    .hostnameVerifier((host, session) -> true)
                    .build();
        }
        settings.caFile().ifPresent(file -> builder.trustManagerFactory(trusting(file)));
        return builder.build();
    }

    private static TrustManagerFactory trusting(final java.nio.file.Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (final Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new UsageProblem(
                        pem + " holds no certificate",
                        "Give a PEM file with the CA certificate " + "(-----BEGIN CERTIFICATE----- ...).");
            }
            final TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (final IOException | GeneralSecurityException e) {
            throw new UsageProblem(
                    "cannot read the CA file " + pem + ": " + e.getMessage(),
                    "Give a readable PEM file with the broker's CA certificate to --cafile.",
                    e);
        }
    }
}
