package io.hiveiot.cli.connection;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509TrustManager;

/**
 * The trust of {@code --insecure}: every certificate, for development brokers with self-signed ones.
 * Written here rather than taken from Netty, which the MQTT client does not export to its users.
 */
final class TrustingEverything {

    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType) {
            // the user asked for no verification
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType) {
            // the user asked for no verification
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustingEverything() {}

    static TrustManagerFactory factory() {
        final TrustManagerFactorySpi spi = new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(final KeyStore keyStore) {
                // nothing to load
            }

            @Override
            protected void engineInit(final ManagerFactoryParameters parameters) {
                // nothing to load
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {TRUST_ALL};
            }
        };
        return new TrustManagerFactory(spi, null, "insecure") {};
    }
}
