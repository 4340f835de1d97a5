package io.hiveiot.distribution;

import com.sun.tools.attach.VirtualMachine;

import java.util.Set;
import java.util.TreeSet;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The metrics a running broker has registered, read the way an operator reads them: over JMX, where HiveMQ publishes
 * its metric registry under the domain {@code metrics}. The broker is a local process of this user, so the test
 * attaches to it and starts its local management agent, as {@code jconsole <pid>} does.
 */
final class RegisteredMetrics {

    private RegisteredMetrics() {}

    /** The names of the broker's metrics that start with {@code prefix}. */
    static Set<String> of(final long pid, final String prefix) throws Exception {
        final VirtualMachine broker = VirtualMachine.attach(Long.toString(pid));
        final String address;
        try {
            address = broker.startLocalManagementAgent();
        } finally {
            broker.detach();
        }
        final Set<String> names = new TreeSet<>();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            for (final ObjectName name :
                    connector.getMBeanServerConnection().queryNames(new ObjectName("metrics:*"), null)) {
                final String value = name.getKeyProperty("name");
                final String metric = value.startsWith("\"") ? ObjectName.unquote(value) : value;
                if (metric.startsWith(prefix)) {
                    names.add(metric);
                }
            }
        }
        return names;
    }
}
